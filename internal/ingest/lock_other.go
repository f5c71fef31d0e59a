//go:build !unix

package ingest

// lockDir does nothing where flock is not available.
func lockDir(dir string) (release func(), err error) { return func() {}, nil }
