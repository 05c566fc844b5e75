package main

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// notTerritories are CLDR region codes that are not places.
var notTerritories = map[string]bool{"EU": true, "EZ": true, "UN": true, "QO": true, "ZZ": true, "XA": true, "XB": true}

// parenRE matches a parenthesised part of a name: "ميانمار (بورما)".
var parenRE = regexp.MustCompile(`\s*\(([^)]*)\)`)

// countryNames cleans a source name into names: UNTERM's "*" markers go,
// and a parenthesised part becomes a name of its own when it is one
// ("ميانمار (بورما)" → ميانمار, بورما) and is dropped when it qualifies
// ("هونغ كونغ الصينية (منطقة إدارية خاصة)").
func countryNames(s string) []string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "*", ""))
	if s == "" {
		return nil
	}
	var out []string
	for _, m := range parenRE.FindAllStringSubmatch(s, -1) {
		inner := strings.TrimSpace(m[1])
		if inner != "" && !strings.Contains(inner, "منطقة") && !strings.Contains(inner, "إدارية") {
			out = append(out, inner)
		}
	}
	// "الكونغو - كينشاسا" is one name: splitting at the dash would make
	// the capital a name of the country.
	if base := strings.TrimSpace(parenRE.ReplaceAllString(s, "")); base != "" {
		out = append([]string{base}, out...)
	}
	return out
}

// country gathers what the sources say of one ISO code.
type country struct {
	code, iso3, nameEn string
	names              []string // the first is canonical
	independent        bool
	lat, lon           string
	ids                []string
}

func (g *generator) countries() ([]entry, []string, error) {
	byCode := map[string]*country{}
	var order []string
	get := func(code string) *country {
		c := byCode[code]
		if c == nil {
			c = &country{code: code}
			byCode[code] = c
			order = append(order, code)
		}
		return c
	}

	cldr, err := readTable(g.source("countries-ar", "cldr_territories_ar.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := cldr.need("code", "iso_alpha3", "iso_numeric_or_m49", "kind", "alt", "name_ar", "name_en"); err != nil {
		return nil, nil, err
	}
	var regions []entry
	for i := range cldr.rows {
		code, alt := cldr.get(i, "code"), cldr.get(i, "alt")
		if cldr.get(i, "kind") == "region" {
			if code == "001" { // "العالم": the world is not a place mention
				continue
			}
			subtype := "region"
			switch code {
			case "002", "142", "150", "009", "019", "003", "005":
				subtype = "continent"
			}
			regions = append(regions, entry{
				id: "M49-" + code, typ: "PLACE", subtype: subtype,
				name: cldr.get(i, "name_ar"), nameEn: cldr.get(i, "name_en"),
				ids: []string{"m49=" + code}, rank: 60,
			})
			continue
		}
		if notTerritories[code] {
			continue
		}
		c := get(code)
		names := countryNames(cldr.get(i, "name_ar"))
		switch alt {
		case "":
			c.names = append(c.names, names...)
			c.iso3 = cldr.get(i, "iso_alpha3")
			c.nameEn = cldr.get(i, "name_en")
		case "short":
			// The short form is what the press writes: it leads.
			c.names = append(names, c.names...)
			c.nameEn = cldr.get(i, "name_en")
		default:
			c.names = append(c.names, names...)
		}
	}

	un, err := readTable(g.source("countries-ar", "country_codes_unterm_ar.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := un.need("iso_alpha2", "unterm_ar_short", "unterm_ar_formal", "official_name_ar", "is_independent", "geonames_id", "wikidata_url"); err != nil {
		return nil, nil, err
	}
	for i := range un.rows {
		code := un.get(i, "iso_alpha2")
		c, ok := byCode[code]
		if !ok {
			continue
		}
		for _, col := range []string{"unterm_ar_short", "unterm_ar_formal", "official_name_ar"} {
			c.names = append(c.names, countryNames(un.get(i, col))...)
		}
		c.independent = un.get(i, "is_independent") == "Yes"
		if v := un.get(i, "geonames_id"); v != "" {
			c.ids = append(c.ids, "geonames="+v)
		}
		if v := un.get(i, "wikidata_url"); v != "" {
			c.ids = append(c.ids, "wikidata="+v[strings.LastIndex(v, "/")+1:])
		}
	}

	ml, err := readTable(g.source("countries-ar", "mledoze_countries_ar.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := ml.need("iso_alpha2", "name_ar_common", "name_ar_official", "native_ar_common", "native_ar_official", "latitude", "longitude", "independent"); err != nil {
		return nil, nil, err
	}
	for i := range ml.rows {
		c, ok := byCode[ml.get(i, "iso_alpha2")]
		if !ok {
			continue
		}
		for _, col := range []string{"name_ar_common", "name_ar_official", "native_ar_common", "native_ar_official"} {
			c.names = append(c.names, countryNames(ml.get(i, col))...)
		}
		if ml.get(i, "independent") == "True" {
			c.independent = true
		}
		if c.lat, err = coord(ml.get(i, "latitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", ml.where(i), err)
		}
		if c.lon, err = coord(ml.get(i, "longitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", ml.where(i), err)
		}
	}

	gn, err := readTable(g.source("geonames-admin1-ar", "geonames_countries_ar.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := gn.need("iso_alpha2", "name_ar_normalized"); err != nil {
		return nil, nil, err
	}
	for i := range gn.rows {
		if c, ok := byCode[gn.get(i, "iso_alpha2")]; ok {
			c.names = append(c.names, countryNames(gn.get(i, "name_ar_normalized"))...)
		}
	}

	variants, err := g.override("country-variants.tsv", "iso2", "aliases", "match", "rank")
	if err != nil {
		return nil, nil, err
	}
	type variant struct {
		aliases []string
		match   string
		rank    int
	}
	extra := map[string]variant{}
	for i := range variants.rows {
		code := variants.get(i, "iso2")
		if _, ok := byCode[code]; !ok {
			return nil, nil, fmt.Errorf("%s: %s is not a CLDR territory", variants.where(i), code)
		}
		v := variant{aliases: splitList(variants.get(i, "aliases")), match: variants.get(i, "match")}
		if r := variants.get(i, "rank"); r != "" {
			if v.rank, err = strconv.Atoi(r); err != nil {
				return nil, nil, fmt.Errorf("%s: rank: %w", variants.where(i), err)
			}
		}
		extra[code] = v
	}

	sort.Strings(order)
	var out []entry
	for _, code := range order {
		c := byCode[code]
		if len(c.names) == 0 {
			continue
		}
		e := entry{
			id: code, typ: "PLACE", subtype: "territory", name: c.names[0], nameEn: c.nameEn,
			aliases: c.names[1:], lat: c.lat, lon: c.lon, rank: 60,
			ids: append([]string{"iso=" + code}, c.ids...),
		}
		if c.iso3 != "" {
			e.ids = append(e.ids[:1], append([]string{"iso3=" + c.iso3}, e.ids[1:]...)...)
		}
		if c.independent {
			e.subtype, e.rank = "country", 100
		}
		if v, ok := extra[code]; ok {
			e.aliases = append(e.aliases, v.aliases...)
			e.match = v.match
			if v.rank != 0 {
				e.rank = v.rank
			}
		}
		out = append(out, e)
	}
	out = append(out, regions...)
	return out, []string{
		"Countries and territories (ISO 3166-1 alpha-2 ids) and UN M49 world regions.",
		"Names: Unicode CLDR 47 (Unicode License v3, (c) Unicode, Inc.), UNTERM via datasets/country-codes",
		"(ODC-PDDL), mledoze/countries (ODbL v1.0: \"Country data from mledoze/countries (ODbL)\"),",
		"GeoNames (CC BY 4.0); press variants from gazetteer/src/country-variants.tsv.",
		"Coordinates: mledoze/countries centroids (ODbL). Wikidata and GeoNames ids: datasets/country-codes.",
		"This file is a derived database of mledoze/countries and is shared under ODbL v1.0.",
	}, nil
}

// admin1Prefixes are the head nouns some GeoNames Arabic names carry.
var admin1Prefixes = []string{"محافظة ", "محافظه ", "ولاية ", "ولايه ", "مقاطعة ", "مقاطعه ", "إقليم ", "اقليم ", "منطقة ", "منطقه ", "إمارة ", "اماره ", "امارة ", "جمهورية ", "جمهوريه "}

func (g *generator) worldAdmin1() ([]entry, []string, error) {
	t, err := readTable(g.source("geonames-admin1-ar", "geonames_admin1_ar.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := t.need("geonames_id", "admin1_code", "country_code", "name_en", "name_ar_normalized", "approx_latitude", "approx_longitude"); err != nil {
		return nil, nil, err
	}
	ov, err := g.override("admin1-overrides.tsv", "geonames_id", "name", "aliases", "match", "action")
	if err != nil {
		return nil, nil, err
	}
	type fix struct {
		name, match, action string
		aliases             []string
		used                bool
	}
	fixes := map[string]*fix{}
	for i := range ov.rows {
		id := ov.get(i, "geonames_id")
		if _, dup := fixes[id]; dup {
			return nil, nil, fmt.Errorf("%s: geonames id %s given twice", ov.where(i), id)
		}
		f := &fix{name: ov.get(i, "name"), match: ov.get(i, "match"), action: ov.get(i, "action"), aliases: splitList(ov.get(i, "aliases"))}
		if f.action != "" && f.action != "keep" && f.action != "drop" {
			return nil, nil, fmt.Errorf("%s: action %q is not keep or drop", ov.where(i), f.action)
		}
		fixes[id] = f
	}
	var out []entry
	dropped := 0
	for i := range t.rows {
		name := t.get(i, "name_ar_normalized")
		cc := t.get(i, "country_code")
		gid := t.get(i, "geonames_id")
		f := fixes[gid]
		if f != nil {
			f.used = true
		}
		if cc == "SY" || (name == "" && (f == nil || f.name == "")) {
			continue // Syria's governorates come from OCHA; no Arabic name, no entry
		}
		if f != nil && f.action == "drop" {
			dropped++
			continue
		}
		var aliases []string
		for _, p := range admin1Prefixes {
			if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
				name = rest
				break
			}
		}
		e := entry{
			id: "ADM1-" + t.get(i, "admin1_code"), typ: "PLACE", subtype: "province",
			name: name, nameEn: t.get(i, "name_en"), parent: cc,
			ids: []string{"geonames=" + gid}, rank: 40,
		}
		if f != nil {
			if f.name != "" {
				aliases = append(aliases, e.name)
				e.name = f.name
			}
			aliases = append(aliases, f.aliases...)
			e.match = f.match
		}
		e.aliases = aliases
		if e.lat, err = coord(t.get(i, "approx_latitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		if e.lon, err = coord(t.get(i, "approx_longitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		out = append(out, e)
	}
	for id, f := range fixes {
		if !f.used {
			return nil, nil, fmt.Errorf("src/admin1-overrides.tsv: geonames id %s is not in the admin1 table", id)
		}
	}
	g.report("  world-admin1: %d dropped by src/admin1-overrides.tsv", dropped)
	return out, []string{
		"First-level divisions of the world's countries (Syria's come from OCHA) that have an Arabic name.",
		"Source: GeoNames (geonames.org, CC BY 4.0) via farshid1370/MultiLangGeoExporter (MIT);",
		"names corrected and flagged by gazetteer/src/admin1-overrides.tsv.",
		"Coordinates are the mean of the division's GeoNames cities500 places, not an official centroid.",
	}, nil
}
