// Package source lists the documents a run processes: files and directory
// trees given on the command line, standard input, or the lines of a JSON
// Lines file. It only finds and describes documents; reading and
// extraction happen elsewhere, so a bad document is reported as an Item
// with Err set and never stops the listing.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Item is one document, or a failure to find one.
type Item struct {
	// ID names the document in records: its path, or the JSONL id.
	ID string
	// Open opens the document's text; nil when Text is set or Err is.
	Open func() (io.ReadCloser, error)
	// Text is the document's text when it came inline (JSON Lines).
	Text string
	// RefDate is the document's own date, zero if it has none.
	RefDate time.Time
	// Err says why the document cannot be processed (unreadable path,
	// bad JSON line…).
	Err error
}

// Stdin is the ID given to standard input.
const Stdin = "-"

// Walker lists files and directory trees.
type Walker struct {
	// Glob selects files inside directories by base name (filepath.Match
	// syntax); files named directly are always taken. Empty means all.
	Glob string
	// Warn receives notes that are not document errors (a symlink loop
	// skipped). May be nil.
	Warn func(string)
}

// Walk calls fn for every document under paths, in order: each path as
// given, directories recursively in lexical order. "-" is standard input.
// Hidden entries (names starting with a dot) inside directories are
// skipped; symbolic links are followed, and a link back to a directory
// already on the current path is skipped with a warning. It stops early
// only if ctx is cancelled or fn returns an error.
func (w *Walker) Walk(ctx context.Context, paths []string, fn func(Item) error) error {
	if w.Glob != "" {
		if _, err := filepath.Match(w.Glob, "x"); err != nil {
			return fmt.Errorf("glob %q: %w", w.Glob, err)
		}
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == Stdin {
			if err := fn(Item{ID: Stdin, Open: func() (io.ReadCloser, error) { return io.NopCloser(os.Stdin), nil }}); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if l, lerr := os.Lstat(p); lerr == nil && l.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
				err = errors.New("broken symbolic link")
			}
			if err := fn(Item{ID: p, Err: describe(err)}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := fn(fileItem(p, info)); err != nil {
				return err
			}
			continue
		}
		if err := w.walkDir(ctx, p, []os.FileInfo{info}, fn); err != nil {
			return err
		}
	}
	return nil
}

// walkDir lists one directory; stack holds the directories on the path
// from the root, to detect symlink loops.
func (w *Walker) walkDir(ctx context.Context, dir string, stack []os.FileInfo, fn func(Item) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fn(Item{ID: dir, Err: describe(err)})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		info, err := os.Stat(path) // follows symlinks
		if err != nil {
			if e.Type()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
				err = fmt.Errorf("broken symbolic link")
			}
			if w.matches(name) || e.IsDir() {
				if err := fn(Item{ID: path, Err: describe(err)}); err != nil {
					return err
				}
			}
			continue
		}
		if info.IsDir() {
			if onStack(stack, info) {
				w.warn(fmt.Sprintf("%s: symbolic link loop, skipped", path))
				continue
			}
			if err := w.walkDir(ctx, path, append(stack, info), fn); err != nil {
				return err
			}
			continue
		}
		if !info.Mode().IsRegular() || !w.matches(name) {
			continue
		}
		if err := fn(fileItem(path, info)); err != nil {
			return err
		}
	}
	return nil
}

func onStack(stack []os.FileInfo, info os.FileInfo) bool {
	for _, s := range stack {
		if os.SameFile(s, info) {
			return true
		}
	}
	return false
}

func (w *Walker) matches(name string) bool {
	if w.Glob == "" {
		return true
	}
	ok, _ := filepath.Match(w.Glob, name)
	return ok
}

func (w *Walker) warn(msg string) {
	if w.Warn != nil {
		w.Warn(msg)
	}
}

// fileItem describes a file found on disk; it is opened when processed.
func fileItem(path string, info os.FileInfo) Item {
	if info.IsDir() {
		return Item{ID: path, Err: errors.New("is a directory")}
	}
	return Item{ID: path, Open: func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, describe(err)
		}
		return f, nil
	}}
}

// describe turns a file system error into a short reason; the path is
// added by whoever reports it.
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}
