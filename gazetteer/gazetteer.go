// Package gazetteer holds the default gazetteer, embedded in the binary:
// tab-separated files of places and organizations in the format that
// internal/lexicon documents (and README describes for users who add their
// own with --gazetteer).
package gazetteer

//go:generate go run ./internal/gen -src ../../shared/gazetteer-sources -dir .

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed *.tsv
var files embed.FS

// FS returns the embedded gazetteer files.
func FS() fs.FS { return files }

// Files returns the names of the embedded gazetteer files in load order.
func Files() ([]string, error) {
	names, err := fs.Glob(files, "*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}
