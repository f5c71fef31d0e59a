//go:build !unix

package structure

import "time"

var cpuStart = time.Now()

// selfCPU falls back to wall time where rusage is not available.
func selfCPU() time.Duration { return time.Since(cpuStart) }
