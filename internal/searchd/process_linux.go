package searchd

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the started searchd end when this process ends,
// however it ends, so that no node outlives a test or benchmark that was
// killed.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
