//go:build unix

package structure

import (
	"syscall"
	"time"
)

// selfCPU returns the CPU time (user + system) this process has used: a
// measure of work that other processes on the machine do not disturb.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
