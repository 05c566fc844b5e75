// Command calgen writes internal/rules/calendar.tsv, the month, weekday,
// era and relative-day vocabulary the date rules read, from the Unicode
// CLDR Arabic calendar data in ../shared/gazetteer-sources/cldr-ar-calendar
// plus the press spellings CLDR lacks (src/calendar-variants.tsv).
//
//	go generate ./internal/rules
//
// The output is sorted and deduplicated, so a rerun on the same sources
// writes the same bytes (a test checks the committed file).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	src := flag.String("src", "../../../shared/gazetteer-sources/cldr-ar-calendar", "folder of the CLDR calendar TSV files")
	variants := flag.String("variants", "src/calendar-variants.tsv", "hand-written spellings to add")
	out := flag.String("out", "calendar.tsv", "file to write")
	flag.Parse()
	data, err := Generate(os.DirFS(*src), *variants)
	if err != nil {
		fmt.Fprintln(os.Stderr, "calgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "calgen:", err)
		os.Exit(1)
	}
}
