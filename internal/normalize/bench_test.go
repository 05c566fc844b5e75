package normalize

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/transform"
)

// corpusText reads the shared news sample (../shared/corpus/news-sample),
// or skips the benchmark when it is absent.
func corpusText(b *testing.B) []byte {
	b.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "news-sample")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		b.Skip("../shared/corpus/news-sample not present")
	}
	var all []byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, data...)
	}
	return all
}

func BenchmarkAppendMapped(b *testing.B) {
	text := corpusText(b)
	n := New(Options{})
	var m Mapped
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Reset()
		n.AppendMapped(&m, text, 0)
	}
}

func BenchmarkTransformer(b *testing.B) {
	text := corpusText(b)
	n := New(Options{})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		r := transform.NewReader(bytesReader(text), n.Transformer())
		if _, err := io.Copy(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

type sliceReader struct{ b []byte }

func (s *sliceReader) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}

func bytesReader(b []byte) io.Reader { return &sliceReader{b} }
