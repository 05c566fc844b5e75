package khabar_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/khabar-ie/khabar"
)

// sharedCorpus returns the paths of ../shared/corpus/news-sample, or skips.
func sharedCorpus(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "shared", "corpus", "news-sample", "*.txt"))
	if len(files) == 0 {
		tb.Skip("../shared/corpus/news-sample not present")
	}
	return files
}

func readAll(tb testing.TB, files []string) [][]byte {
	tb.Helper()
	docs := make([][]byte, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs[i] = b
	}
	return docs
}

// BenchmarkPipeline runs the whole pipeline on one core over the 2,500
// shared articles, one document at a time.
func BenchmarkPipeline(b *testing.B) {
	docs := readAll(b, sharedCorpus(b))
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, d := range docs {
		total += int64(len(d))
	}
	ctx := context.Background()
	discard := func(khabar.Record) error { return nil }
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if err := x.ExtractReader(ctx, khabar.DocInfo{ID: "d"}, bytes.NewReader(d), discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}
