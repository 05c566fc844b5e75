package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/normalize"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the fixture sources")

// generate runs the generator and returns its report lines.
func generate(t *testing.T, src, dir, out string) []string {
	t.Helper()
	var log []string
	err := run(src, dir, out, func(format string, args ...any) { log = append(log, fmt.Sprintf(format, args...)) })
	require.NoError(t, err)
	return log
}

// TestGolden builds the gazetteer from small fixture sources that have
// every case the generator handles (formal aliases with head nouns, "مركز"
// sub-districts, combined names, capitals and district centres, the
// Syrian Archive labels, transport names, CLDR alternatives and regions,
// UNTERM markers, admin1 prefixes and overrides, persons and authorities
// to leave out, curated names to skip) and compares with golden files.
func TestGolden(t *testing.T) {
	out := t.TempDir()
	log := generate(t, "testdata/sources", "testdata/gazetteer", out)
	golden := filepath.Join("testdata", "golden")
	for _, f := range outputs {
		got, err := os.ReadFile(filepath.Join(out, f))
		require.NoError(t, err)
		if *update {
			require.NoError(t, os.MkdirAll(golden, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(golden, f), got, 0o644))
			continue
		}
		want, err := os.ReadFile(filepath.Join(golden, f))
		require.NoError(t, err, "run go test -update")
		assert.Equal(t, string(want), string(got), f)
	}
	for _, line := range []string{
		`  skip ORG-SZ-SANA "سانا" (testdata/sources/syria-orgs/syrian_official_bodies_syrianzone.tsv:4): curated as ORG-SANA`,
		`  drop alias "درعا" of SY1203: it names SY1200`,
		`  drop alias "الغوطة الشرقية" of SY120301: it names REG-EASTERN-GHOUTA`,
		`  skip SA9005 "الغوطة الشرقية" (testdata/sources/syria-communities-syrianarchive/syrianarchive_extra_locations.tsv:6): curated as REG-EASTERN-GHOUTA`,
	} {
		assert.Contains(t, log, line)
	}
	loadAll(t, out, filepath.Join("testdata", "gazetteer", "orgs.tsv"), filepath.Join("testdata", "gazetteer", "regions.tsv"))
}

// loadAll parses the generated files with the product's loader and links
// them, with the curated files given.
func loadAll(t *testing.T, dir string, curated ...string) *lexicon.Lexicon {
	t.Helper()
	var all []lexicon.Entry
	for _, f := range append(outputPaths(dir), curated...) {
		r, err := os.Open(f)
		require.NoError(t, err)
		entries, err := lexicon.Parse(r, f)
		r.Close()
		require.NoError(t, err)
		all = append(all, entries...)
	}
	an, err := clitic.New("ه")
	require.NoError(t, err)
	lex, err := lexicon.Build(all, normalize.New(normalize.Options{}), an)
	require.NoError(t, err, "generated files load and their parents resolve")
	return lex
}

func outputPaths(dir string) []string {
	var out []string
	for _, f := range outputs {
		out = append(out, filepath.Join(dir, f))
	}
	return out
}

// TestCommitted regenerates the embedded gazetteer from ../shared and
// checks that the committed files are what the generator makes of the
// sources and overrides: nobody edited them by hand, and nobody changed
// an input without regenerating.
func TestCommitted(t *testing.T) {
	src := filepath.Join("..", "..", "..", "..", "shared", "gazetteer-sources")
	if _, err := os.Stat(src); err != nil {
		t.Skip("../shared/gazetteer-sources not present")
	}
	out := t.TempDir()
	generate(t, src, filepath.Join("..", ".."), out)
	for _, f := range outputs {
		got, err := os.ReadFile(filepath.Join(out, f))
		require.NoError(t, err)
		want, err := os.ReadFile(filepath.Join("..", "..", f))
		require.NoError(t, err)
		assert.True(t, string(got) == string(want), "gazetteer/%s is not what go generate ./gazetteer makes; run it", f)
	}
}

func TestCountryNames(t *testing.T) {
	for in, want := range map[string][]string{
		"سوريا":           {"سوريا"},
		"دولة فلسطين *":   {"دولة فلسطين"},
		"ميانمار (بورما)": {"ميانمار", "بورما"},
		"هونغ كونغ الصينية (منطقة إدارية خاصة)": {"هونغ كونغ الصينية"},
		"الكونغو - كينشاسا":                     {"الكونغو - كينشاسا"},
		" * ":                                   nil,
	} {
		assert.Equal(t, want, countryNames(in), in)
	}
}

func TestCoord(t *testing.T) {
	for in, want := range map[string]string{"32.62410182": "32.6241", "36": "36", "-0.000001": "0", "": ""} {
		got, err := coord(in)
		require.NoError(t, err)
		assert.Equal(t, want, got, in)
	}
	_, err := coord("north")
	assert.Error(t, err)
}
