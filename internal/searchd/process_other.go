//go:build !linux

package searchd

import "os/exec"

// dieWithParent does nothing where the system cannot tie a child's life
// to its parent's; Stop and Kill end the nodes.
func dieWithParent(*exec.Cmd) {}
