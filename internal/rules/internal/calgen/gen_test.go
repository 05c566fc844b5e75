package main

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.tsv")

// TestGolden generates from the fixture sources: wide names only, one row
// per distinct name with the locales that give it, Hijri calendars merged,
// eras of the current era only, relative terms of the wide fields, press
// variants added and dropped names left out.
func TestGolden(t *testing.T) {
	got, err := Generate(os.DirFS("testdata/cldr"), "testdata/variants.tsv")
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile("testdata/golden.tsv", got, 0o644))
	}
	want, err := os.ReadFile("testdata/golden.tsv")
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
}

// TestCommitted regenerates internal/rules/calendar.tsv from the shared
// CLDR sources and fails if the committed file differs. It skips when the
// sources are absent.
func TestCommitted(t *testing.T) {
	src := "../../../../../shared/gazetteer-sources/cldr-ar-calendar"
	if _, err := os.Stat(src); err != nil {
		t.Skip("shared CLDR sources absent")
	}
	got, err := Generate(os.DirFS(src), "../../src/calendar-variants.tsv")
	require.NoError(t, err)
	want, err := os.ReadFile("../../calendar.tsv")
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "run go generate ./internal/rules")
}

// TestMissingSource names the file that is missing.
func TestMissingSource(t *testing.T) {
	_, err := Generate(os.DirFS(t.TempDir()), "testdata/variants.tsv")
	require.ErrorContains(t, err, "months.tsv")
}
