package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStemMatchesReference feeds the committed sample of reference pairs
// (libstemmer's stems) through `extract stem`, as stemwords would be used.
func TestStemMatchesReference(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "stemmer", "arabic", "testdata", "oracle-sample.tsv"))
	require.NoError(t, err)
	var words, stems []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		w, s, ok := strings.Cut(line, "\t")
		require.True(t, ok)
		words, stems = append(words, w), append(stems, s)
	}
	r := extractWith(t, runOpts{stdin: strings.NewReader(strings.Join(words, "\n") + "\n")}, "stem")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, strings.Join(stems, "\n")+"\n", string(r.stdout))
}

func TestStemCommand(t *testing.T) {
	t.Parallel()
	t.Run("like stemwords: one word a line, ASCII lower-cased, CRLF", func(t *testing.T) {
		t.Parallel()
		r := extractWith(t, runOpts{stdin: strings.NewReader("الاشتباكات\r\nReuters\n\nوالمستشفيات")}, "stem")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "اشتباك\nreuters\n\nوالمستشفيا\n", string(r.stdout))
	})
	t.Run("stop words kept on request", func(t *testing.T) {
		t.Parallel()
		r := extractWith(t, runOpts{stdin: strings.NewReader("الذين\nالكتاب\n")}, "stem", "--keep-stop-words")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "الذين\nكتاب\n", string(r.stdout))
	})
	t.Run("files and a missing file", func(t *testing.T) {
		t.Parallel()
		p := filepath.Join(t.TempDir(), "w.txt")
		require.NoError(t, os.WriteFile(p, []byte("بالمدرسة\n"), 0o644))
		r := extract(t, "stem", p, filepath.Join(t.TempDir(), "missing"))
		assert.Equal(t, 1, r.code)
		assert.Equal(t, "مدرس\n", string(r.stdout))
		assert.Contains(t, r.stderr, "missing")
	})
	t.Run("a very long line", func(t *testing.T) {
		t.Parallel()
		long := strings.Repeat("ب", 100_000)
		r := extractWith(t, runOpts{stdin: strings.NewReader(long + "\nالكتاب\n")}, "stem")
		require.Equal(t, 0, r.code, r.stderr)
		lines := bytes.Split(bytes.TrimSuffix(r.stdout, []byte("\n")), []byte("\n"))
		require.Len(t, lines, 2)
		assert.Equal(t, "كتاب", string(lines[1]))
	})
}
