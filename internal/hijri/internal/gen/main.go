// Command gen writes internal/hijri/umalqura.tsv from the copy of ICU's Umm
// al-Qura table in internal/hijri/internal/gen/icu-umalqura.txt.
//
// It is run by "go generate" in internal/hijri (the working directory is
// then internal/hijri, which the default paths assume):
//
//	go generate ./internal/hijri
//
// The output depends only on the input file, so running it again on an
// unchanged copy leaves umalqura.tsv byte for byte as it was.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/khabar-ie/khabar/internal/hijri/internal/icutable"
)

func main() {
	in := flag.String("in", "internal/gen/icu-umalqura.txt", "copy of the ICU table")
	out := flag.String("out", "umalqura.tsv", "TSV to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	tsv, err := icutable.Generate(src)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return os.WriteFile(out, tsv, 0o644)
}
