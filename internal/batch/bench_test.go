package batch

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/source"
)

// discardSink counts records and writes nothing.
type discardSink struct{ n int }

func (d *discardSink) Record(khabar.Record) error     { d.n++; return nil }
func (d *discardSink) EndDocument(string, bool) error { return nil }
func (d *discardSink) Idle() error                    { return nil }

// BenchmarkBatch runs the shared news sample (read from disk, as the CLI
// does) with 1 and 2 workers, to show how directory runs scale with cores.
func BenchmarkBatch(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "news-sample", "*.txt"))
	if len(files) == 0 {
		b.Skip("../shared/corpus/news-sample not present")
	}
	var total int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		total += st.Size()
	}
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run("workers="+string(rune('0'+workers)), func(b *testing.B) {
			b.SetBytes(total)
			for b.Loop() {
				r := &Runner{Extractor: x, Workers: workers}
				w := &source.Walker{}
				list := func(fn func(source.Item) error) error {
					return w.Walk(context.Background(), files, fn)
				}
				if _, err := r.Run(context.Background(), list, &discardSink{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
