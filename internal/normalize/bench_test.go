package normalize

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"unicode/utf8"

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

// BenchmarkAppendMapped normalizes with the offset map in 64 KiB blocks,
// as the pipeline does.
func BenchmarkAppendMapped(b *testing.B) {
	text := corpusText(b)
	n := New(Options{})
	var blocks [][]byte
	for rest := text; len(rest) > 0; {
		k := min(len(rest), 64<<10)
		for k < len(rest) && !utf8.RuneStart(rest[k]) {
			k++
		}
		blocks = append(blocks, rest[:k])
		rest = rest[k:]
	}
	var m Mapped
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for _, blk := range blocks {
			m.Reset()
			n.AppendMapped(&m, blk, 0)
		}
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

// BenchmarkWcM runs `wc -m` over the same text, so the normalizer's
// throughput can be read next to the reference figure of the same run.
func BenchmarkWcM(b *testing.B) {
	text := corpusText(b)
	wc, err := exec.LookPath("wc")
	if err != nil {
		b.Skip("wc not found")
	}
	path := filepath.Join(b.TempDir(), "corpus.txt")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		cmd := exec.Command(wc, "-m", path)
		cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
		if out, err := cmd.Output(); err != nil {
			b.Fatalf("wc -m: %v %s", err, out)
		}
	}
}
