package lexicon

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tsv builds a gazetteer file from rows of fields, so tests read as
// tables rather than tab soup.
func tsv(lines ...[]string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.Join(l, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

func row(fields ...string) []string { return fields }

func TestParseFullEntry(t *testing.T) {
	in := tsv(
		row("# a comment line"),
		row("id", "type", "subtype", "name", "name_en", "aliases", "parent", "lat", "lon", "ids", "rank"),
		row(""),
		row("SY12", "PLACE", "governorate", "درعا", "Daraa", "دَرعا| درعا البلد |", "SY", "32.62", "36.10", "pcode=SY12|wikidata=Q1689560|geonames=170903", "7"),
		row("ORG-X", "org", "", "أمن الدولة", "", "", "", "", "", "", "-2"),
	)
	got, err := Parse(strings.NewReader(in), "places.tsv")
	require.NoError(t, err)
	require.Len(t, got, 2)

	want0 := Entry{
		ID: "SY12", Type: "PLACE", Subtype: "governorate", Name: "درعا", NameEn: "Daraa",
		Aliases: []string{"دَرعا", "درعا البلد"},
		Parent:  "SY",
		Geo:     &Geo{Lat: 32.62, Lon: 36.10},
		IDs:     []KV{{"pcode", "SY12"}, {"wikidata", "Q1689560"}, {"geonames", "170903"}},
		Rank:    7,
		Source:  "places.tsv:4",
	}
	assert.Equal(t, want0, got[0])

	want1 := Entry{ID: "ORG-X", Type: "ORG", Name: "أمن الدولة", Rank: -2, Source: "places.tsv:5"}
	assert.Equal(t, want1, got[1])
}

func TestParseColumnsInAnyOrder(t *testing.T) {
	in := tsv(
		row(" Name ", "RANK", "Id", "type"),
		row("جاسم", "3", "C6111", "PLACE"),
	)
	got, err := Parse(strings.NewReader(in), "g.tsv")
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "C6111", got[0].ID)
	assert.Equal(t, "جاسم", got[0].Name)
	assert.Equal(t, "PLACE", got[0].Type)
	assert.Equal(t, 3, got[0].Rank)
}

func TestParseFieldsAreTrimmed(t *testing.T) {
	in := tsv(
		row("id", "type", "name", "lat", "lon", "ids"),
		row("  A1 ", " place ", "  حلب ", " 36.2 ", " 37.1 ", " k = v | x=y "),
	)
	got, err := Parse(strings.NewReader(in), "g.tsv")
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "A1", got[0].ID)
	assert.Equal(t, "PLACE", got[0].Type)
	assert.Equal(t, "حلب", got[0].Name)
	assert.Equal(t, &Geo{Lat: 36.2, Lon: 37.1}, got[0].Geo)
	assert.Equal(t, []KV{{"k", "v"}, {"x", "y"}}, got[0].IDs)
}

func TestParseLayout(t *testing.T) {
	header := "id\ttype\tname"
	tests := []struct {
		name  string
		in    string
		ids   []string
		lines []string // Source of each entry
	}{
		{"plain", header + "\nA\tPLACE\tدرعا\nB\tORG\tسانا\n", []string{"A", "B"}, []string{"f:2", "f:3"}},
		{"BOM on the header", "\ufeff" + header + "\nA\tPLACE\tدرعا\n", []string{"A"}, []string{"f:2"}},
		{"CRLF", header + "\r\nA\tPLACE\tدرعا\r\nB\tORG\tسانا\r\n", []string{"A", "B"}, []string{"f:2", "f:3"}},
		{"BOM and CRLF", "\ufeff" + header + "\r\nA\tPLACE\tدرعا\r\n", []string{"A"}, []string{"f:2"}},
		{"no final newline", header + "\nA\tPLACE\tدرعا", []string{"A"}, []string{"f:2"}},
		{"comments and blank lines", "# top\n\n" + header + "\n# mid\n  \nA\tPLACE\tدرعا\n\t\n#B\tORG\tسانا\nC\tORG\tسانا\n",
			[]string{"A", "C"}, []string{"f:6", "f:9"}},
		{"fewer fields than columns: missing optional columns are empty", "id\ttype\tname\tsubtype\tname_en\nA\tPLACE\tدرعا\n",
			[]string{"A"}, []string{"f:2"}},
		{"header only", header + "\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in), "f")
			require.NoError(t, err)
			var ids, lines []string
			for _, e := range got {
				ids = append(ids, e.ID)
				lines = append(lines, e.Source)
				assert.NotContains(t, e.Name, "\r")
				assert.NotContains(t, e.ID, "\ufeff")
			}
			assert.Equal(t, tt.ids, ids)
			assert.Equal(t, tt.lines, lines)
		})
	}
}

func TestParseBOMOnlyOnFirstLine(t *testing.T) {
	// A BOM is stripped from the first line only; later it is part of the
	// text, so a BOM-prefixed header on line 2 is an unknown column.
	_, err := Parse(strings.NewReader("# c\n\ufeffid\ttype\tname\n"), "f")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "f:2: unknown column")
}

func TestParseErrors(t *testing.T) {
	header := "id\ttype\tname\tlat\tlon\tids\trank\n"
	tests := []struct {
		name string
		in   string
		want []string // substrings of the error, each with file:line
	}{
		{"empty input", "", []string{"g.tsv: no header line"}},
		{"only comments", "# x\n\n# y\n", []string{"g.tsv: no header line"}},
		{"unknown column", "id\ttype\tnmae\n", []string{"g.tsv:1: unknown column \"nmae\"", "g.tsv:1: header lacks the required column \"name\""}},
		{"missing id", "type\tname\n", []string{"g.tsv:1: header lacks the required column \"id\""}},
		{"missing type", "id\tname\n", []string{"g.tsv:1: header lacks the required column \"type\""}},
		{"missing name after comment", "# c\nid\ttype\n", []string{"g.tsv:2: header lacks the required column \"name\""}},
		{"too many fields", header + "A\tPLACE\tدرعا\t1\t2\t\t0\textra\n", []string{"g.tsv:2: 8 fields, but the header has 7 columns"}},
		{"bad type", header + "A\tCITY\tدرعا\n", []string{"g.tsv:2: type \"CITY\" is not PLACE or ORG"}},
		{"empty type", header + "A\t\tدرعا\n", []string{"g.tsv:2: type \"\" is not PLACE or ORG"}},
		{"empty id", header + "\tPLACE\tدرعا\n", []string{"g.tsv:2: empty id"}},
		{"blank id", header + "  \tPLACE\tدرعا\n", []string{"g.tsv:2: empty id"}},
		{"no name", header + "A\tPLACE\t \n", []string{"g.tsv:2: entry A has no name"}},
		{"bad lat", header + "A\tPLACE\tدرعا\tnorth\t36\n", []string{"g.tsv:2: entry A: lat \"north\" is not a latitude"}},
		{"lat out of range", header + "A\tPLACE\tدرعا\t90.5\t36\n", []string{"g.tsv:2: entry A: lat \"90.5\" is not a latitude"}},
		{"lat infinite", header + "A\tPLACE\tدرعا\t-Inf\t36\n", []string{"g.tsv:2: entry A: lat \"-Inf\" is not a latitude"}},
		{"bad lon", header + "A\tPLACE\tدرعا\t32\t36,1\n", []string{"g.tsv:2: entry A: lon \"36,1\" is not a longitude"}},
		{"lon out of range", header + "A\tPLACE\tدرعا\t32\t-180.01\n", []string{"g.tsv:2: entry A: lon \"-180.01\" is not a longitude"}},
		{"lat without lon", header + "A\tPLACE\tدرعا\t32\t\n", []string{"g.tsv:2: entry A: lat and lon must be given together"}},
		{"lon without lat", header + "A\tPLACE\tدرعا\t\t36\n", []string{"g.tsv:2: entry A: lat and lon must be given together"}},
		{"ids item without =", header + "A\tPLACE\tدرعا\t\t\tpcode=SY12|Q1689560\n", []string{"g.tsv:2: entry A: ids item \"Q1689560\" is not key=value"}},
		{"ids item empty key", header + "A\tPLACE\tدرعا\t\t\t=SY12\n", []string{"g.tsv:2: entry A: ids item \"=SY12\" is not key=value"}},
		{"ids item empty value", header + "A\tPLACE\tدرعا\t\t\tpcode=\n", []string{"g.tsv:2: entry A: ids item \"pcode=\" is not key=value"}},
		{"bad rank", header + "A\tPLACE\tدرعا\t\t\t\thigh\n", []string{"g.tsv:2: entry A: rank \"high\" is not an integer"}},
		{"fractional rank", header + "A\tPLACE\tدرعا\t\t\t\t1.5\n", []string{"g.tsv:2: entry A: rank \"1.5\" is not an integer"}},
		{"error line counts comments and blanks", "# c\n\n" + header + "# c\n\nA\tPLACE\tدرعا\nB\tTOWN\tحلب\n", []string{"g.tsv:7: type \"TOWN\""}},
		{"error line with CRLF", strings.ReplaceAll(header, "\n", "\r\n") + "A\tPLACE\tدرعا\r\nB\tX\tحلب\r\n", []string{"g.tsv:3: type \"X\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in), "g.tsv")
			require.Error(t, err)
			assert.Nil(t, got, "no entries with an error")
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestParseGeoBounds(t *testing.T) {
	tests := []struct {
		lat, lon string
		want     Geo
	}{
		{"90", "180", Geo{90, 180}},
		{"-90", "-180", Geo{-90, -180}},
		{"0", "0", Geo{0, 0}},
		{"3.25e1", "36.1", Geo{32.5, 36.1}},
	}
	for _, tt := range tests {
		t.Run(tt.lat+","+tt.lon, func(t *testing.T) {
			in := tsv(row("id", "type", "name", "lat", "lon"), row("A", "PLACE", "درعا", tt.lat, tt.lon))
			got, err := Parse(strings.NewReader(in), "g")
			require.NoError(t, err)
			require.Len(t, got, 1)
			require.NotNil(t, got[0].Geo)
			assert.Equal(t, tt.want, *got[0].Geo)
		})
	}
}

func TestParseNaNCoordinateRejected(t *testing.T) {
	for _, c := range [][2]string{{"NaN", "36"}, {"32", "nan"}} {
		in := tsv(row("id", "type", "name", "lat", "lon"), row("A", "PLACE", "درعا", c[0], c[1]))
		got, err := Parse(strings.NewReader(in), "g")
		if assert.Error(t, err, "%v", c) {
			assert.Contains(t, err.Error(), "g:2: entry A:")
		}
		for _, e := range got {
			if e.Geo != nil {
				assert.False(t, math.IsNaN(e.Geo.Lat) || math.IsNaN(e.Geo.Lon))
			}
		}
	}
}

func TestParseDuplicateColumnIsAHeaderError(t *testing.T) {
	in := tsv(row("id", "type", "name", "name"), row("A", "PLACE", "درعا", "حلب"))
	_, err := Parse(strings.NewReader(in), "g")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "g:1:")
	assert.Contains(t, err.Error(), "name")
}

func TestParseReportsEveryBadLine(t *testing.T) {
	in := tsv(
		row("id", "type", "name", "rank"),
		row("A", "PLACE", "درعا", "x"),
		row("B", "PLACE", "حلب"),
		row("C", "CITY", "جاسم"),
		row("", "ORG", "سانا"),
	)
	_, err := Parse(strings.NewReader(in), "g")
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "g:2: entry A: rank")
	assert.Contains(t, msg, "g:4: type \"CITY\"")
	assert.Contains(t, msg, "g:5: empty id")
	assert.NotContains(t, msg, "g:3:")
	assert.Len(t, strings.Split(msg, "\n"), 3, "one line per error")
}

func TestParseCapsErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("id\ttype\tname\n")
	for i := range 50 {
		fmt.Fprintf(&b, "E%d\tBAD\tدرعا\n", i)
	}
	_, err := Parse(strings.NewReader(b.String()), "g")
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	assert.Len(t, lines, maxErrors)
	assert.True(t, strings.HasPrefix(lines[0], "g:2: "), lines[0])
	assert.True(t, strings.HasPrefix(lines[maxErrors-1], fmt.Sprintf("g:%d: ", maxErrors+1)), lines[maxErrors-1])
}

func TestParseLineTooLong(t *testing.T) {
	in := "id\ttype\tname\nA\tPLACE\tدرعا\nB\tPLACE\t" + strings.Repeat("x", 2<<20) + "\n"
	_, err := Parse(strings.NewReader(in), "g")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "g:3:")
}

func TestParseReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Parse(&failingReader{data: "id\ttype\tname\nA\tPLACE\tدرعا\n", err: boom}, "g")
	require.Error(t, err)
	assert.ErrorIs(t, err, boom)
	assert.Contains(t, err.Error(), "g:3:")
}

// failingReader returns data, then err.
type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}
