// Package lexicon reads gazetteer files and matches their names over
// normalized tokens.
//
// A gazetteer file is UTF-8, tab-separated, with a header line naming the
// columns (any order; unknown columns are an error so typos are caught).
// Lines starting with # and blank lines are skipped.
//
//	column   required  meaning
//	id       yes       unique id, e.g. an OCHA P-code (SY12) or a slug
//	type     yes       PLACE or ORG
//	subtype  no        country, governorate, city, media, armed_group…
//	name     yes       canonical Arabic name
//	name_en  no        English name
//	aliases  no        other names, separated by |
//	parent   no        id of the enclosing place or parent organization
//	lat, lon no        WGS84 coordinates, decimal degrees (both or neither)
//	ids      no        external ids as key=value pairs separated by |
//	                   (pcode=SY12|wikidata=Q1689560|geonames=170903)
//	rank     no        integer prominence, 0-100; the higher wins when a
//	                   name is shared by several entries and nothing in
//	                   the context decides (default 0)
//	match    no        how much evidence a mention needs, | separated
//	                   flags: free (matches anywhere), cue (needs a head
//	                   noun, a preposition of place or document context),
//	                   strict (needs a head noun or strong document
//	                   context); and article (the name also matches
//	                   with the article added or dropped). Empty: the
//	                   default for the entry's type, subtype and rank.
//	ref      no        where the fact comes from (a URL or a reference);
//	                   not used in matching
//
// Names and aliases are normalized and tokenized exactly like document
// text, so they may be written with hamza, ta marbuta or diacritics.
package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Entry is one gazetteer record.
type Entry struct {
	ID      string
	Type    string
	Subtype string
	Name    string
	NameEn  string
	Aliases []string
	Parent  string
	Geo     *Geo
	IDs     []KV
	Rank    int
	// Evidence is the evidence level the match column sets; EvidenceDefault
	// when it sets none.
	Evidence Evidence
	// ArticleOptional lets the name match with the article added or
	// dropped (the match flag "article").
	ArticleOptional bool
	Ref             string // provenance, from the ref column
	Source          string // file:line it came from
}

// Evidence is how much context a mention of an entry needs before it is
// reported.
type Evidence uint8

// Evidence levels, weakest first.
const (
	// EvidenceDefault means the level follows from the entry's type,
	// subtype and rank (see the ner package).
	EvidenceDefault Evidence = iota
	// EvidenceFree: the name is reported wherever it occurs.
	EvidenceFree
	// EvidenceCue: a head noun, a preposition of place, a quotation, a
	// coordinated place, or document context must support it.
	EvidenceCue
	// EvidenceStrict: the name is also a common word or first name; only a
	// head noun or strong document context supports it.
	EvidenceStrict
)

// String returns the level's name as written in the match column.
func (e Evidence) String() string {
	switch e {
	case EvidenceFree:
		return "free"
	case EvidenceCue:
		return "cue"
	case EvidenceStrict:
		return "strict"
	}
	return "default"
}

// ParseEvidence reads a level name (free, cue, strict).
func ParseEvidence(s string) (Evidence, bool) {
	switch s {
	case "free":
		return EvidenceFree, true
	case "cue":
		return EvidenceCue, true
	case "strict":
		return EvidenceStrict, true
	}
	return EvidenceDefault, false
}

// Geo is a WGS84 point.
type Geo struct {
	Lat float64
	Lon float64
}

// KV is one external id.
type KV struct {
	Key   string
	Value string
}

// isEntryType reports the types an entry may have.
func isEntryType(t string) bool { return t == "PLACE" || t == "ORG" }

// isColumn reports the columns a file may have.
func isColumn(c string) bool {
	switch c {
	case "id", "type", "subtype", "name", "name_en", "aliases", "parent", "lat", "lon", "ids", "rank", "match", "ref":
		return true
	}
	return false
}

// maxErrors caps the line errors reported for one file.
const maxErrors = 20

// Parse reads a gazetteer file. source names it in errors and in each
// entry's Source. It reports every bad line (up to a cap), each as
// "source:line: problem".
func Parse(r io.Reader, source string) ([]Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var (
		cols    map[string]int
		width   int // fields in the header
		entries []Entry
		errs    []error
		line    int
	)
	fail := func(format string, args ...any) {
		if len(errs) < maxErrors {
			errs = append(errs, fmt.Errorf("%s:%d: %s", source, line, fmt.Sprintf(format, args...)))
		}
	}
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if cols == nil {
			cols = map[string]int{}
			width = len(fields)
			for i, f := range fields {
				name := strings.ToLower(strings.TrimSpace(f))
				if !isColumn(name) {
					fail("unknown column %q in header (known: id, type, subtype, name, name_en, aliases, parent, lat, lon, ids, rank, match, ref)", f)
					continue
				}
				if _, dup := cols[name]; dup {
					fail("column %q given twice in header", name)
					continue
				}
				cols[name] = i
			}
			for _, req := range []string{"id", "type", "name"} {
				if _, ok := cols[req]; !ok {
					fail("header lacks the required column %q", req)
				}
			}
			if len(errs) > 0 {
				return nil, errors.Join(errs...)
			}
			continue
		}
		get := func(name string) string {
			if i, ok := cols[name]; ok && i < len(fields) {
				return strings.TrimSpace(fields[i])
			}
			return ""
		}
		if len(fields) > width {
			fail("%d fields, but the header has %d columns", len(fields), width)
			continue
		}
		e := Entry{
			ID:      get("id"),
			Type:    strings.ToUpper(get("type")),
			Subtype: get("subtype"),
			Name:    get("name"),
			NameEn:  get("name_en"),
			Parent:  get("parent"),
			Ref:     get("ref"),
			Source:  fmt.Sprintf("%s:%d", source, line),
		}
		switch {
		case e.ID == "":
			fail("empty id")
			continue
		case !isEntryType(e.Type):
			fail("type %q is not PLACE or ORG", get("type"))
			continue
		case e.Name == "":
			fail("entry %s has no name", e.ID)
			continue
		}
		for _, a := range strings.Split(get("aliases"), "|") {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
		lat, lon := get("lat"), get("lon")
		if lat != "" || lon != "" {
			g, err := parseGeo(lat, lon)
			if err != nil {
				fail("entry %s: %v", e.ID, err)
				continue
			}
			e.Geo = g
		}
		if ids := get("ids"); ids != "" {
			for _, kv := range strings.Split(ids, "|") {
				if strings.TrimSpace(kv) == "" {
					continue
				}
				k, v, ok := strings.Cut(kv, "=")
				k, v = strings.TrimSpace(k), strings.TrimSpace(v)
				if !ok || k == "" || v == "" {
					fail("entry %s: ids item %q is not key=value", e.ID, kv)
					continue
				}
				e.IDs = append(e.IDs, KV{k, v})
			}
		}
		if rank := get("rank"); rank != "" {
			n, err := strconv.Atoi(rank)
			if err != nil {
				fail("entry %s: rank %q is not an integer", e.ID, rank)
				continue
			}
			e.Rank = n
		}
		if err := parseMatch(&e, get("match")); err != nil {
			fail("entry %s: %v", e.ID, err)
			continue
		}
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", source, line+1, err))
	}
	if cols == nil && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no header line", source))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return entries, nil
}

// parseMatch reads the match column's flags into e.
func parseMatch(e *Entry, flags string) error {
	for _, f := range strings.Split(flags, "|") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if f == "article" {
			e.ArticleOptional = true
			continue
		}
		level, ok := ParseEvidence(f)
		if !ok {
			return fmt.Errorf("match flag %q is not free, cue, strict or article", f)
		}
		if e.Evidence != EvidenceDefault && e.Evidence != level {
			return fmt.Errorf("match gives two evidence levels (%s and %s)", e.Evidence, level)
		}
		e.Evidence = level
	}
	return nil
}

func parseGeo(lat, lon string) (*Geo, error) {
	if lat == "" || lon == "" {
		return nil, fmt.Errorf("lat and lon must be given together")
	}
	la, err := strconv.ParseFloat(lat, 64)
	if err != nil || !(la >= -90 && la <= 90) { // written so that NaN fails
		return nil, fmt.Errorf("lat %q is not a latitude", lat)
	}
	lo, err := strconv.ParseFloat(lon, 64)
	if err != nil || !(lo >= -180 && lo <= 180) {
		return nil, fmt.Errorf("lon %q is not a longitude", lon)
	}
	return &Geo{Lat: la, Lon: lo}, nil
}
