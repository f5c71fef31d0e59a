//go:build !linux

package store

// ReleaseMapped does nothing here; on Linux it drops the catalog's pages
// from the process's resident set.
func (s *Store) ReleaseMapped() {}
