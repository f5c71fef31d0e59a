//go:build linux

package store

import (
	"syscall"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// ReleaseMapped tells the kernel that the pages of the catalog that this
// process has read are not needed any more: they leave its resident set
// and stay in the page cache, to be mapped again on the next read. A
// process that reads the whole catalog once (loading the graph, comparing
// an index with the store) and then writes a little at a time thus keeps
// resident only what it touches since, whatever the size of the catalog.
// The catalog is not changed; a failure is only a lost hint.
func (s *Store) ReleaseMapped() {
	_ = s.db.View(func(tx *bolt.Tx) error {
		// Within a read transaction the catalog is not mapped again, so
		// the region stays valid while it is advised.
		info := s.db.Info()
		size := tx.Size()
		if info == nil || size <= 0 {
			return nil
		}
		// Info gives the address as a number; read it as the pointer
		// it is.
		base := *(*unsafe.Pointer)(unsafe.Pointer(&info.Data))
		_ = syscall.Madvise(unsafe.Slice((*byte)(base), int(size)), syscall.MADV_DONTNEED)
		return nil
	})
}
