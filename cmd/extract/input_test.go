package main

// Bad input: invalid UTF-8, binary data, legacy encodings, empty
// documents, unreadable paths (items 1, 2, 3, 4 and 6 of the CLI list).

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/khabar-ie/khabar"
)

// illFormed are UTF-8 errors whose maximal-subpart count differs from a
// per-byte count (and from strings.ToValidUTF8's one-per-run).
var illFormed = [][]byte{
	{0xFF},                   // never valid: 1
	{0xE0, 0x80},             // E0 needs A0..BF next: 2
	{0xF0, 0x9F, 0x98},       // truncated emoji: 1
	{0xED, 0xA0, 0x80},       // surrogate: 3
	{0xC3},                   // lone lead byte: 1
	{0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF: 4
	{0xC0, 0xAF},             // overlong '/': 2
}

// entityKey is an entity without its document, to compare runs.
type entityKey struct {
	Type, Text  string
	Start, End  int
	Canonical   string
	Source      string
	Sentence    int
	Prefix, Sub string
}

func keys(es []khabar.Entity) []entityKey {
	var ks []entityKey
	for _, e := range es {
		ks = append(ks, entityKey{e.Type, e.Text, e.Start, e.End, e.Canonical, e.Source, e.Sentence, e.Prefix, e.Subtype})
	}
	return ks
}

// jasimEntities runs the article as a file and returns its entities.
func jasimEntities(t *testing.T) []khabar.Entity {
	t.Helper()
	r := extract(t, "--ref-date", "2022-07-26", jasimPath)
	require.Equal(t, 0, r.code, r.stderr)
	rs := parseRecords(t, r.stdout)
	es := rs.entitiesOf(jasimPath)
	require.NotEmpty(t, es)
	return es
}

// hasEntity reports whether es holds an entity with this text and span.
func hasEntity(es []khabar.Entity, text string, start, end int) bool {
	for _, e := range es {
		if e.Text == text && e.Start == start && e.End == end {
			return true
		}
	}
	return false
}

// Item 1: invalid UTF-8 inside a file is replaced, counted, warned about,
// and offsets stay exact against the WHATWG decoding of the file.
func TestInvalidUTF8(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	dir := t.TempDir()

	t.Run("at line starts", func(t *testing.T) {
		// One ill-formed sequence (and a space) at the start of each line
		// and a truncated sequence at the very end: the words are intact,
		// so the same entities are found, shifted.
		var b bytes.Buffer
		lines := bytes.SplitAfter(jasim, []byte("\n"))
		for i, line := range lines {
			if i > 0 && i <= len(illFormed) {
				b.Write(illFormed[i-1])
				b.WriteByte(' ')
			}
			b.Write(line)
		}
		b.Write([]byte{0xF0, 0x9F, 0x98})
		data := b.Bytes()
		decoded := decodeWHATWG(data)
		wantInvalid := strings.Count(decoded, "\uFFFD")
		require.Equal(t, 15, wantInvalid, "test input")
		path := filepath.Join(dir, "lines.txt")
		writeFile(t, path, data)

		r := extract(t, "--ref-date", "2022-07-26", path)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stderr, path+": warning: 15 invalid UTF-8 sequences replaced by U+FFFD")
		rs := parseRecords(t, r.stdout)
		rs.checkStructure(t)
		sum := rs.summary(t, path)
		assert.Equal(t, "ok", sum.Status)
		assert.Equal(t, wantInvalid, sum.InvalidUTF8)
		assert.Equal(t, utf8.RuneCountInString(decoded), sum.Characters)
		assert.Equal(t, int64(len(data)), sum.Bytes)
		es := rs.entitiesOf(path)
		checkSpans(t, decoded, es)
		// Same entities as the clean article, texts unchanged.
		clean := jasimEntities(t)
		require.Len(t, es, len(clean))
		for i := range es {
			assert.Equal(t, clean[i].Text, es[i].Text)
			assert.Equal(t, clean[i].Type, es[i].Type)
		}
		// The first line has no insertion: جاسم stays at 29..33.
		assert.True(t, hasEntity(es, "جاسم", 29, 33), "جاسم at 29..33")
	})

	// A larger document, several read blocks long, with ill-formed
	// sequences every 997 bytes: inside Arabic letters too, and across
	// block boundaries.
	var b bytes.Buffer
	for i := 0; b.Len() < 300<<10; i++ {
		b.Write(jasim)
		b.WriteByte('\n')
	}
	src := b.Bytes()
	var data []byte
	for i, k := 0, 0; i < len(src); i, k = i+997, k+1 {
		end := min(i+997, len(src))
		data = append(data, src[i:end]...)
		data = append(data, illFormed[k%len(illFormed)]...)
	}
	decoded := decodeWHATWG(data)
	wantInvalid := strings.Count(decoded, "\uFFFD")
	require.Greater(t, wantInvalid, 300, "test input")
	path := filepath.Join(dir, "big.txt")
	writeFile(t, path, data)

	var fromFile *records
	t.Run("file over many blocks", func(t *testing.T) {
		r := extract(t, "--ref-date", "2022-07-26", path)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stderr, path+": warning: ")
		assert.Contains(t, r.stderr, "invalid UTF-8 sequences replaced by U+FFFD")
		rs := parseRecords(t, r.stdout)
		rs.checkStructure(t)
		sum := rs.summary(t, path)
		assert.Equal(t, wantInvalid, sum.InvalidUTF8)
		assert.Equal(t, utf8.RuneCountInString(decoded), sum.Characters)
		assert.Equal(t, int64(len(data)), sum.Bytes)
		es := rs.entitiesOf(path)
		assert.Greater(t, len(es), 1000)
		checkSpans(t, decoded, es)
		fromFile = rs
	})

	t.Run("stdin in tiny writes", func(t *testing.T) {
		// The same bytes through a pipe in writes of 1 to 7 bytes, so
		// sequences are split between reads anywhere: same records.
		s := start(t, extractBin, true, "--ref-date", "2022-07-26", "--name", path)
		out := readLines(s.stdout)
		go func() {
			rng := rand.New(rand.NewSource(1))
			for i := 0; i < len(data); {
				n := min(1+rng.Intn(7), len(data)-i)
				if _, err := s.stdin.Write(data[i : i+n]); err != nil {
					return
				}
				i += n
				if rng.Intn(2000) == 0 {
					time.Sleep(time.Millisecond)
				}
			}
			s.stdin.Close()
		}()
		lines := out.rest(t, 60*time.Second)
		require.Equal(t, 0, s.wait(t, 30*time.Second), s.stderrString())
		rs := parseRecords(t, []byte(strings.Join(lines, "")))
		sum := rs.summary(t, path)
		assert.Equal(t, wantInvalid, sum.InvalidUTF8)
		assert.Equal(t, utf8.RuneCountInString(decoded), sum.Characters)
		checkSpans(t, decoded, rs.entitiesOf(path))
		if fromFile != nil {
			assert.Equal(t, fromFile.lines, rs.lines, "stdin and file give the same records")
		}
	})
}

// Item 2: a binary file among good ones fails alone.
func TestBinaryFileInDirectory(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), jasim)
	writeFile(t, filepath.Join(dir, "b.txt"), append([]byte("PK\x03\x04"), 0, 0, 1, 2, 0xFF, 0))
	writeFile(t, filepath.Join(dir, "c.txt"), jasim)

	r := extractWith(t, runOpts{bin: concBin}, "--ref-date", "2022-07-26", dir)
	assert.Equal(t, 1, r.code)
	bin := filepath.Join(dir, "b.txt")
	assert.Contains(t, r.stderr, bin+": binary data (NUL byte at offset 4)")
	assert.Contains(t, r.stderr, "1 of 3 documents failed")

	rs := parseRecords(t, r.stdout)
	rs.checkStructure(t)
	assert.Equal(t, []string{filepath.Join(dir, "a.txt"), bin, filepath.Join(dir, "c.txt")}, rs.summaryDocs())
	e := rs.errorOf(t, bin)
	assert.True(t, strings.HasPrefix(e.Error, "binary data"), e.Error)
	sum := rs.summary(t, bin)
	assert.Equal(t, "failed", sum.Status)
	assert.Equal(t, []string{e.Error}, sum.Errors)
	assert.Empty(t, rs.entitiesOf(bin))
	for _, good := range []string{"a.txt", "c.txt"} {
		p := filepath.Join(dir, good)
		assert.Equal(t, "ok", rs.summary(t, p).Status)
		es := rs.entitiesOf(p)
		assert.True(t, hasEntity(es, "جاسم", 29, 33), "%s: جاسم at 29..33", good)
		assert.True(t, hasEntity(es, "عنب بلدي", 2060, 2068), "%s: عنب بلدي at 2060..2068", good)
	}
}

// Item 3: legacy and UTF-16 files are refused with a hint, and read with
// --encoding.
func TestForeignEncodings(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	clean := keys(jasimEntities(t))
	win, err := charmap.Windows1256.NewEncoder().Bytes(jasim)
	require.NoError(t, err)
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(jasim)
	require.NoError(t, err)

	for _, tc := range []struct {
		name, file string
		data       []byte
		reason     []string // in the message and the error record
		encoding   string
	}{
		{"windows-1256", "legacy.txt", win, []string{"not UTF-8", "--encoding"}, "windows-1256"},
		{"utf-16 with BOM", "wide.txt", u16, []string{"UTF-16", "--encoding utf-16"}, "utf-16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), tc.file)
			writeFile(t, path, tc.data)

			r := extract(t, "--ref-date", "2022-07-26", path)
			assert.Equal(t, 1, r.code)
			rs := parseRecords(t, r.stdout)
			rs.checkStructure(t)
			e := rs.errorOf(t, path)
			for _, want := range tc.reason {
				assert.Contains(t, e.Error, want)
				assert.Contains(t, r.stderr, want)
			}
			assert.Contains(t, r.stderr, path+": "+e.Error)
			assert.Equal(t, "failed", rs.summary(t, path).Status)
			assert.Empty(t, rs.entities)

			r = extract(t, "--ref-date", "2022-07-26", "--encoding", tc.encoding, path)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			rs = parseRecords(t, r.stdout)
			es := rs.entitiesOf(path)
			assert.True(t, hasEntity(es, "جاسم", 29, 33), "جاسم at 29..33")
			assert.Equal(t, clean, keys(es), "same entities as the UTF-8 article")
			sum := rs.summary(t, path)
			assert.Equal(t, "ok", sum.Status)
			assert.Equal(t, 0, sum.InvalidUTF8)
			assert.Equal(t, utf8.RuneCount(jasim), sum.Characters)
		})
	}
}

// Item 4: an empty document is a warning, not a failure.
func TestEmptyDocument(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, r result, doc string) {
		t.Helper()
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stderr, "extract: "+doc+": warning: empty document")
		rs := parseRecords(t, r.stdout)
		rs.checkStructure(t)
		require.Len(t, rs.lines, 1)
		sum := rs.summary(t, doc)
		assert.Equal(t, "ok", sum.Status)
		assert.Equal(t, []string{"empty document"}, sum.Warnings)
		assert.Equal(t, 0, sum.Characters)
		assert.Equal(t, int64(0), sum.Bytes)
		assert.Empty(t, sum.Errors)
	}
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.txt")
		writeFile(t, path, nil)
		check(t, extract(t, path), path)
	})
	t.Run("stdin", func(t *testing.T) {
		check(t, extractIn(t, ""), "-")
	})
}

// Item 6: unreadable paths are reported one by one and the rest is read.
func TestUnreadablePaths(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	root := t.TempDir()
	dir := filepath.Join(root, "corpus")
	at := func(p string) string { return filepath.Join(dir, p) }
	writeFile(t, at("a.txt"), jasim)
	writeFile(t, at("notes.md"), jasim)         // not *.txt: not selected
	writeFile(t, at(".hidden.txt"), jasim)      // hidden: skipped
	writeFile(t, at(".git/HEAD.txt"), jasim)    // inside a hidden dir
	writeFile(t, at("sub/b.txt"), jasim)        // found recursively
	writeFile(t, at("sub/deeper/c.txt"), jasim) // and deeper
	require.NoError(t, os.Symlink("nowhere.txt", at("broken.txt")))
	require.NoError(t, os.Symlink("self.txt", at("self.txt")))
	require.NoError(t, os.Symlink("..", at("sub/loop")))             // back to corpus
	require.NoError(t, os.Symlink("../../sub", at("sub/deeper/up"))) // back to sub
	require.NoError(t, os.Symlink("nowhere.txt", filepath.Join(root, "dangling.txt")))
	missing := filepath.Join(root, "missing.txt")
	dangling := filepath.Join(root, "dangling.txt")

	r := extractWith(t, runOpts{bin: concBin, timeout: 30 * time.Second}, "--ref-date", "2022-07-26", dir, missing, dangling)
	assert.Equal(t, 1, r.code)
	rs := parseRecords(t, r.stdout)
	rs.checkStructure(t)
	assert.Equal(t, []string{
		at("a.txt"), at("broken.txt"), at("self.txt"), at("sub/b.txt"), at("sub/deeper/c.txt"),
		missing, dangling,
	}, rs.summaryDocs())

	failed := map[string]string{
		at("broken.txt"): "broken symbolic link",
		at("self.txt"):   "too many levels of symbolic links",
		missing:          "no such file or directory",
		dangling:         "broken symbolic link",
	}
	for doc, reason := range failed {
		e := rs.errorOf(t, doc)
		assert.Equal(t, reason, e.Error, doc)
		assert.Contains(t, r.stderr, "extract: "+doc+": "+reason+"\n")
		assert.Equal(t, "failed", rs.summary(t, doc).Status)
	}
	for _, doc := range []string{at("a.txt"), at("sub/b.txt"), at("sub/deeper/c.txt")} {
		assert.Equal(t, "ok", rs.summary(t, doc).Status)
		assert.True(t, hasEntity(rs.entitiesOf(doc), "جاسم", 29, 33), doc)
	}
	assert.Contains(t, r.stderr, "extract: "+at("sub/loop")+": symbolic link loop, skipped")
	assert.Contains(t, r.stderr, "extract: "+at("sub/deeper/up")+": symbolic link loop, skipped")
	assert.Contains(t, r.stderr, "4 of 7 documents failed")
	for _, doc := range rs.docs {
		assert.NotContains(t, doc, "/.", "hidden entry read")
		assert.NotContains(t, doc, "notes.md")
	}

	t.Run("loop alone is a warning", func(t *testing.T) {
		// A loop and good files only: the walk ends, warns, and exits 0.
		dir := filepath.Join(t.TempDir(), "d")
		writeFile(t, filepath.Join(dir, "x.txt"), jasim)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "inner"), 0o755))
		require.NoError(t, os.Symlink("..", filepath.Join(dir, "inner", "loop")))
		r := extractWith(t, runOpts{timeout: 30 * time.Second}, dir)
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "extract: "+filepath.Join(dir, "inner", "loop")+": symbolic link loop, skipped\n", r.stderr)
		rs := parseRecords(t, r.stdout)
		assert.Equal(t, []string{filepath.Join(dir, "x.txt")}, rs.summaryDocs())
	})

	t.Run("permission denied", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root: permissions are not enforced")
		}
		dir := filepath.Join(t.TempDir(), "d")
		writeFile(t, filepath.Join(dir, "a.txt"), jasim)
		writeFile(t, filepath.Join(dir, "secret.txt"), jasim)
		writeFile(t, filepath.Join(dir, "z.txt"), jasim)
		writeFile(t, filepath.Join(dir, "locked", "in.txt"), jasim)
		require.NoError(t, os.Chmod(filepath.Join(dir, "secret.txt"), 0))
		require.NoError(t, os.Chmod(filepath.Join(dir, "locked"), 0))
		t.Cleanup(func() { _ = os.Chmod(filepath.Join(dir, "locked"), 0o755) })

		r := extract(t, dir)
		assert.Equal(t, 1, r.code)
		rs := parseRecords(t, r.stdout)
		rs.checkStructure(t)
		for _, doc := range []string{filepath.Join(dir, "locked"), filepath.Join(dir, "secret.txt")} {
			assert.Equal(t, "permission denied", rs.errorOf(t, doc).Error, doc)
			assert.Contains(t, r.stderr, "extract: "+doc+": permission denied")
		}
		for _, doc := range []string{"a.txt", "z.txt"} {
			assert.Equal(t, "ok", rs.summary(t, filepath.Join(dir, doc)).Status)
		}
	})
}
