//go:build !unix

package pdftext

import (
	"os/exec"
	"time"
)

func selfCPU() time.Duration             { return 0 }
func childCPU(c *exec.Cmd) time.Duration { return 0 }
