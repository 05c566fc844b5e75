package source

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mkfiles creates files (with their directories) under root; a name ending
// in "/" is an empty directory. Each file holds its own name.
func mkfiles(t *testing.T, root string, names ...string) {
	t.Helper()
	for _, n := range names {
		p := filepath.Join(root, filepath.FromSlash(n))
		if strings.HasSuffix(n, "/") {
			require.NoError(t, os.MkdirAll(p, 0o755))
			continue
		}
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(n), 0o644))
	}
}

// walked is an Item in comparable form: the path relative to root and the
// error text, if any.
type walked struct {
	Path string
	Err  string
}

type result struct {
	items []walked
	warns []string
	raw   []Item
}

func walk(t *testing.T, w *Walker, root string, paths ...string) (result, error) {
	t.Helper()
	var res result
	prevWarn := w.Warn
	w.Warn = func(s string) {
		res.warns = append(res.warns, s)
		if prevWarn != nil {
			prevWarn(s)
		}
	}
	err := w.Walk(context.Background(), paths, func(it Item) error {
		res.raw = append(res.raw, it)
		p := it.ID
		if rel, err := filepath.Rel(root, it.ID); err == nil && !strings.HasPrefix(rel, "..") {
			p = filepath.ToSlash(rel)
		}
		wk := walked{Path: p}
		if it.Err != nil {
			wk.Err = it.Err.Error()
			assert.Nil(t, it.Open, "%s: no Open with an error", it.ID)
		} else {
			assert.NotNil(t, it.Open, "%s: Open set", it.ID)
		}
		res.items = append(res.items, wk)
		return nil
	})
	return res, err
}

func paths(ws []walked) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Path)
	}
	return out
}

func TestWalkOrderAndRecursion(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root,
		"b.txt", "a.txt", "c/z.txt", "c/a.txt", "c/d/e.txt", "B.txt", "a-b.txt",
		"empty/", "c/d/f/g.md", "10.txt", "9.txt",
	)
	res, err := walk(t, &Walker{}, root, root)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"10.txt", "9.txt", "B.txt", "a-b.txt", "a.txt", "b.txt",
		"c/a.txt", "c/d/e.txt", "c/d/f/g.md", "c/z.txt",
	}, paths(res.items), "byte-wise lexical order, depth first")
	assert.Empty(t, res.warns)
	for _, it := range res.raw {
		assert.True(t, filepath.IsAbs(it.ID) || strings.HasPrefix(it.ID, root), "ID is the path as found: %s", it.ID)
	}
}

func TestWalkOpenReadsTheFile(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "x/doc.txt")
	res, err := walk(t, &Walker{}, root, root)
	require.NoError(t, err)
	require.Len(t, res.raw, 1)
	assert.Equal(t, filepath.Join(root, "x", "doc.txt"), res.raw[0].ID)
	rc, err := res.raw[0].Open()
	require.NoError(t, err)
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	assert.Equal(t, "x/doc.txt", string(b))
	assert.Empty(t, res.raw[0].Text)
	assert.True(t, res.raw[0].RefDate.IsZero())

	// A file removed after it was listed fails on Open, with a short reason.
	require.NoError(t, os.Remove(filepath.Join(root, "x", "doc.txt")))
	_, err = res.raw[0].Open()
	require.Error(t, err)
	assert.Equal(t, "no such file or directory", err.Error())
}

func TestWalkPathsInGivenOrder(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt", "b.txt", "d/x.txt")
	res, err := walk(t, &Walker{}, root,
		filepath.Join(root, "b.txt"), filepath.Join(root, "d"), filepath.Join(root, "a.txt"), filepath.Join(root, "b.txt"))
	require.NoError(t, err)
	assert.Equal(t, []string{"b.txt", "d/x.txt", "a.txt", "b.txt"}, paths(res.items), "as given, duplicates kept")
}

func TestWalkGlob(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt", "b.md", "sub.txt/c.md", "sub.txt/d.txt", "x/y/e.txt", "x/f.TXT")
	tests := []struct {
		glob  string
		paths []string
		want  []string
	}{
		{"*.txt", []string{"."}, []string{"a.txt", "sub.txt/d.txt", "x/y/e.txt"}},
		{"*.md", []string{"."}, []string{"b.md", "sub.txt/c.md"}},
		{"?.txt", []string{"."}, []string{"a.txt", "sub.txt/d.txt", "x/y/e.txt"}},
		{"[ab].*", []string{"."}, []string{"a.txt", "b.md"}},
		{"*.none", []string{"."}, nil},
		// a file named directly is always taken
		{"*.txt", []string{"b.md", "x"}, []string{"b.md", "x/y/e.txt"}},
		{"*.md", []string{"x/f.TXT"}, []string{"x/f.TXT"}},
		{"", []string{"x"}, []string{"x/f.TXT", "x/y/e.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.glob+" "+strings.Join(tt.paths, ","), func(t *testing.T) {
			var ps []string
			for _, p := range tt.paths {
				ps = append(ps, filepath.Join(root, p))
			}
			res, err := walk(t, &Walker{Glob: tt.glob}, root, ps...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, paths(res.items))
		})
	}
}

func TestWalkInvalidGlob(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt")
	for _, g := range []string{"[", "a[", "[a-", "\\"} {
		t.Run(g, func(t *testing.T) {
			called := false
			err := (&Walker{Glob: g}).Walk(context.Background(), []string{root}, func(Item) error {
				called = true
				return nil
			})
			require.Error(t, err)
			assert.ErrorIs(t, err, filepath.ErrBadPattern)
			assert.Contains(t, err.Error(), g)
			assert.False(t, called, "nothing listed with a bad glob")
		})
	}
}

func TestWalkHidden(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, ".hidden.txt", ".git/config", "a.txt", "d/.x.txt", "d/y.txt", ".cache/z.txt", ".cache/.deeper/w.txt")
	res, err := walk(t, &Walker{}, root, root)
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt", "d/y.txt"}, paths(res.items))

	// A hidden root or file given explicitly is taken; hidden entries
	// inside it are still skipped.
	res, err = walk(t, &Walker{}, root, filepath.Join(root, ".cache"), filepath.Join(root, ".hidden.txt"))
	require.NoError(t, err)
	assert.Equal(t, []string{".cache/z.txt", ".hidden.txt"}, paths(res.items))

	// "." names the current directory, not a hidden entry.
	t.Chdir(root)
	res, err = walk(t, &Walker{}, root, ".")
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt", "d/y.txt"}, paths(res.items))
}

func TestWalkSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	mkfiles(t, root, "d/a.txt", "real/r.txt")
	mkfiles(t, outside, "o.txt", "od/p.txt")
	link := func(target, name string) {
		require.NoError(t, os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))))
	}
	link(filepath.Join(outside, "o.txt"), "d/b-link.txt")
	link(filepath.Join(outside, "od"), "d/c-dirlink")
	link(filepath.Join(root, "missing.txt"), "d/d-broken.txt")
	link("..", "d/e-loop")                   // back to root: on the path
	link(".", "d/f-self")                    // back to d itself
	link(filepath.Join(root, "real"), "d/g") // a sibling, not a loop

	res, err := walk(t, &Walker{}, root, filepath.Join(root, "d"))
	require.NoError(t, err)
	assert.Equal(t, []walked{
		{Path: "d/a.txt"},
		{Path: "d/b-link.txt"},
		{Path: "d/c-dirlink/p.txt"},
		{Path: "d/d-broken.txt", Err: "broken symbolic link"},
		// e-loop is the root, not yet on the path: it is walked, but its
		// d is the directory being walked and is skipped.
		{Path: "d/e-loop/real/r.txt"},
		{Path: "d/g/r.txt"},
	}, res.items)
	require.Len(t, res.warns, 2, "%q", res.warns)
	assert.Equal(t, filepath.Join(root, "d", "e-loop", "d")+": symbolic link loop, skipped", res.warns[0])
	assert.Equal(t, filepath.Join(root, "d", "f-self")+": symbolic link loop, skipped", res.warns[1])

	// The followed link reads the target's text.
	rc, err := res.raw[1].Open()
	require.NoError(t, err)
	b, _ := io.ReadAll(rc)
	rc.Close()
	assert.Equal(t, "o.txt", string(b))
}

func TestWalkSymlinkLoopFromRoot(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt", "sub/b.txt")
	require.NoError(t, os.Symlink(root, filepath.Join(root, "sub", "up")))
	require.NoError(t, os.Symlink("../sub", filepath.Join(root, "sub", "again")))

	done := make(chan struct{})
	var res result
	var err error
	go func() {
		defer close(done)
		res, err = walk(t, &Walker{}, root, root)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("walk does not end on a symlink loop")
	}
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt", "sub/b.txt"}, paths(res.items))
	assert.Len(t, res.warns, 2, "%q", res.warns)
}

func TestWalkSymlinkLoopWithoutWarn(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt")
	require.NoError(t, os.Symlink(root, filepath.Join(root, "up")))
	var ids []string
	err := (&Walker{}).Walk(context.Background(), []string{root}, func(it Item) error {
		ids = append(ids, it.ID)
		return nil
	})
	require.NoError(t, err, "a nil Warn is allowed")
	assert.Equal(t, []string{filepath.Join(root, "a.txt")}, ids)
}

func TestWalkBrokenSymlinkAndGlob(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "gone.txt")))
	require.NoError(t, os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "gone.md")))
	res, err := walk(t, &Walker{Glob: "*.txt"}, root, root)
	require.NoError(t, err)
	assert.Equal(t, []walked{{Path: "gone.txt", Err: "broken symbolic link"}}, res.items,
		"a broken link the glob does not select is not reported")
}

func TestWalkNonexistentAndStdin(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt")
	missing := filepath.Join(root, "missing.txt")
	res, err := walk(t, &Walker{Glob: "*.md"}, root, missing, "-", filepath.Join(root, "a.txt"), filepath.Join(root, "no", "dir"))
	require.NoError(t, err, "a bad path is an item, not a failure of the walk")
	require.Len(t, res.raw, 4)

	assert.Equal(t, missing, res.raw[0].ID)
	require.Error(t, res.raw[0].Err)
	assert.Equal(t, "no such file or directory", res.raw[0].Err.Error())

	assert.Equal(t, Stdin, res.raw[1].ID)
	assert.Equal(t, "-", res.raw[1].ID)
	assert.NoError(t, res.raw[1].Err)
	require.NotNil(t, res.raw[1].Open)

	assert.Equal(t, "a.txt", res.items[2].Path)
	assert.Equal(t, walked{Path: "no/dir", Err: "no such file or directory"}, res.items[3])
}

func TestWalkEmptyPathList(t *testing.T) {
	called := false
	err := (&Walker{}).Walk(context.Background(), nil, func(Item) error { called = true; return nil })
	require.NoError(t, err)
	assert.False(t, called)
}

func TestWalkUnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permission bits do not apply to root")
	}
	root := t.TempDir()
	mkfiles(t, root, "a/x.txt", "b/y.txt", "c.txt")
	locked := filepath.Join(root, "b")
	require.NoError(t, os.Chmod(locked, 0))
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	res, err := walk(t, &Walker{}, root, root)
	require.NoError(t, err)
	assert.Equal(t, []walked{{Path: "a/x.txt"}, {Path: "b", Err: "permission denied"}, {Path: "c.txt"}}, res.items)
}

func TestWalkUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permission bits do not apply to root")
	}
	root := t.TempDir()
	mkfiles(t, root, "secret.txt")
	p := filepath.Join(root, "secret.txt")
	require.NoError(t, os.Chmod(p, 0))
	res, err := walk(t, &Walker{}, root, root)
	require.NoError(t, err)
	require.Len(t, res.raw, 1, "listed; the failure comes when it is opened")
	_, err = res.raw[0].Open()
	require.Error(t, err)
	assert.Equal(t, "permission denied", err.Error())
}

func TestWalkSkipsSpecialFiles(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt")
	if err := mkfifo(filepath.Join(root, "pipe")); err != nil {
		t.Skipf("no fifo: %v", err)
	}
	res, err := walk(t, &Walker{}, root, root)
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt"}, paths(res.items))
}

func TestWalkCallbackErrorStops(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt", "b.txt", "c/d.txt", "e.txt")
	stop := errors.New("stop")
	for n := 1; n <= 4; n++ {
		var got []string
		err := (&Walker{}).Walk(context.Background(), []string{root, root}, func(it Item) error {
			got = append(got, it.ID)
			if len(got) == n {
				return stop
			}
			return nil
		})
		assert.ErrorIs(t, err, stop)
		assert.Len(t, got, n)
	}
	// An error on an error item stops too.
	calls := 0
	err := (&Walker{}).Walk(context.Background(), []string{filepath.Join(root, "nope"), root}, func(Item) error {
		calls++
		return stop
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 1, calls)
}

func TestWalkCancelledBeforeStart(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a.txt")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := (&Walker{}).Walk(ctx, []string{root, "-"}, func(Item) error { called = true; return nil })
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, called)
}

func TestWalkCancelledBetweenDirectories(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "a/1.txt", "b/2.txt", "c/3.txt")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	err := (&Walker{}).Walk(ctx, []string{root}, func(it Item) error {
		got = append(got, it.ID)
		cancel()
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, []string{filepath.Join(root, "a", "1.txt")}, got)
}

func TestWalkCancelledInsideADirectory(t *testing.T) {
	root := t.TempDir()
	mkfiles(t, root, "1.txt", "2.txt", "3.txt", "4.txt")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	err := (&Walker{}).Walk(ctx, []string{root}, func(Item) error {
		calls++
		cancel()
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, calls)
}
