package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// table is a tab-separated file read into rows addressed by column name.
type table struct {
	path string
	cols map[string]int
	rows [][]string
	line []int // source line of each row
}

// readTable reads a TSV file whose first non-comment line is the header.
// Lines starting with # are comments. A row with more fields than the
// header is an error naming the line.
func readTable(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t := &table{path: path}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if t.cols == nil {
			t.cols = make(map[string]int, len(fields))
			for i, c := range fields {
				t.cols[strings.TrimSpace(c)] = i
			}
			continue
		}
		if len(fields) > len(t.cols) {
			return nil, fmt.Errorf("%s:%d: %d fields, header has %d", path, n, len(fields), len(t.cols))
		}
		t.rows = append(t.rows, fields)
		t.line = append(t.line, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if t.cols == nil {
		return nil, fmt.Errorf("%s: no header", path)
	}
	return t, nil
}

// need checks that the table has the columns.
func (t *table) need(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.cols[c]; !ok {
			return fmt.Errorf("%s: missing column %q", t.path, c)
		}
	}
	return nil
}

// get returns row i's value in column c, trimmed and stripped of
// directional marks; "" if the row is short.
func (t *table) get(i int, c string) string {
	j, ok := t.cols[c]
	if !ok || j >= len(t.rows[i]) {
		return ""
	}
	return clean(t.rows[i][j])
}

// where names row i in messages.
func (t *table) where(i int) string { return fmt.Sprintf("%s:%d", t.path, t.line[i]) }

// clean trims a field and removes bidi controls some source cells carry.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\ufeff', '\u200b':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// entry is one gazetteer row as written to an output file.
type entry struct {
	id, typ, subtype, name, nameEn string
	aliases                        []string
	parent                         string
	lat, lon                       string
	ids                            []string // key=value
	rank                           int
	match                          string
}

// columns of every generated file.
var columns = []string{"id", "type", "subtype", "name", "name_en", "aliases", "parent", "lat", "lon", "ids", "rank", "match"}

// coord rounds a decimal degree string to 5 places (about a metre),
// keeping "" for a missing value.
func coord(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", fmt.Errorf("coordinate %q: %w", s, err)
	}
	out := strconv.FormatFloat(f, 'f', 5, 64)
	out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	if out == "-0" {
		out = "0"
	}
	return out, nil
}

// splitList splits a |-separated field, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = clean(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// writeFile writes entries under a comment header, one row each.
func writeFile(path string, header []string, entries []entry, norm func(string) string) error {
	var b strings.Builder
	for _, h := range header {
		b.WriteString("# ")
		b.WriteString(h)
		b.WriteByte('\n')
	}
	b.WriteString(strings.Join(columns, "\t"))
	b.WriteByte('\n')
	for _, e := range entries {
		aliases := dedupeAliases(e.name, e.aliases, norm)
		rank := ""
		if e.rank != 0 {
			rank = strconv.Itoa(e.rank)
		}
		fields := []string{e.id, e.typ, e.subtype, e.name, e.nameEn, strings.Join(aliases, "|"), e.parent, e.lat, e.lon, strings.Join(e.ids, "|"), rank, e.match}
		for i, f := range fields {
			if strings.ContainsAny(f, "\t\n") {
				return fmt.Errorf("%s: entry %s: field %s holds a tab or line break", path, e.id, columns[i])
			}
		}
		b.WriteString(strings.Join(fields, "\t"))
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// dedupeAliases drops aliases that normalize to the name or to an earlier
// alias: the matcher would find the same key twice.
func dedupeAliases(name string, aliases []string, norm func(string) string) []string {
	seen := map[string]bool{norm(name): true}
	var out []string
	for _, a := range aliases {
		k := norm(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

// counts returns "subtype n" lines for a report.
func counts(entries []entry) string {
	c := map[string]int{}
	for _, e := range entries {
		c[e.subtype]++
	}
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, c[k]))
	}
	return strings.Join(parts, ", ")
}

// collector gathers a file's entries, leaving out (and reporting) those
// whose name is a curated entry's or whose key an earlier entry took.
type collector struct {
	g       *generator
	curated map[string]string // normalized curated name → id
	keyOf   func(e entry) string
	keyIs   string // what equal keys mean, for the report ("same name")
	seen    map[string]string
	out     []entry
}

// newCollector returns a collector checking the names of a curated file of
// the gazetteer folder; keyOf says when two generated entries repeat each
// other.
func (g *generator) newCollector(curatedFile string, keyOf func(entry) string, keyIs string) (*collector, error) {
	curated, err := g.curatedNames(curatedFile)
	if err != nil {
		return nil, err
	}
	return &collector{g: g, curated: curated, keyOf: keyOf, keyIs: keyIs, seen: map[string]string{}}, nil
}

// add keeps e unless it repeats a curated or an earlier entry; where names
// its source row in the report.
func (c *collector) add(e entry, where string) {
	if id, ok := c.curated[c.g.norm(e.name)]; ok {
		c.g.report("  skip %s %q (%s): curated as %s", e.id, e.name, where, id)
		return
	}
	k := c.keyOf(e)
	if id, ok := c.seen[k]; ok {
		c.g.report("  skip %s %q (%s): %s as %s", e.id, e.name, where, c.keyIs, id)
		return
	}
	c.seen[k] = e.id
	c.out = append(c.out, e)
}
