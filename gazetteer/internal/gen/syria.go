package main

import (
	"fmt"
	"strconv"
	"strings"
)

// adminUnit is one row of the OpenSyria admin table.
type adminUnit struct {
	level  int
	pcode  string
	slug   string // OpenSyria id
	name   string
	parent string
}

// syriaAdminTable loads the admin table once.
func (g *generator) syriaAdminTable() (*table, error) {
	t, err := readTable(g.source("syria-admin-opensyria", "syria_admin1-3.tsv"))
	if err != nil {
		return nil, err
	}
	return t, t.need("level", "ocha_pcode", "opensyria_id", "name_en", "name_ar", "parent_pcode", "iso3166_2", "latitude", "longitude", "geonames_id", "wikidata_qid")
}

// adminUnits indexes the admin table by P-code and by OpenSyria id.
func (g *generator) adminUnits() (byPcode map[string]adminUnit, bySlug map[string]string, err error) {
	t, err := g.syriaAdminTable()
	if err != nil {
		return nil, nil, err
	}
	byPcode = map[string]adminUnit{}
	bySlug = map[string]string{}
	for i := range t.rows {
		lvl, err := strconv.Atoi(t.get(i, "level"))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: level: %w", t.where(i), err)
		}
		u := adminUnit{level: lvl, pcode: t.get(i, "ocha_pcode"), slug: t.get(i, "opensyria_id"), name: t.get(i, "name_ar"), parent: t.get(i, "parent_pcode")}
		byPcode[u.pcode] = u
		bySlug[u.slug] = u.pcode
	}
	return byPcode, bySlug, nil
}

// placeOverride is a row of src/syria-variants.tsv.
type placeOverride struct {
	aliases []string
	subtype string
	rank    int
	match   string
	used    bool
}

// syriaVariants reads the curated press spellings and prominence of
// Syrian places, keyed by P-code or C-code.
func (g *generator) syriaVariants() (map[string]*placeOverride, error) {
	t, err := g.override("syria-variants.tsv", "id", "aliases", "subtype", "rank", "match")
	if err != nil {
		return nil, err
	}
	out := map[string]*placeOverride{}
	for i := range t.rows {
		id := t.get(i, "id")
		if _, dup := out[id]; dup {
			return nil, fmt.Errorf("%s: id %s given twice", t.where(i), id)
		}
		o := &placeOverride{aliases: splitList(t.get(i, "aliases")), subtype: t.get(i, "subtype"), match: t.get(i, "match")}
		if r := t.get(i, "rank"); r != "" {
			if o.rank, err = strconv.Atoi(r); err != nil {
				return nil, fmt.Errorf("%s: rank %q: %w", t.where(i), r, err)
			}
		}
		out[id] = o
	}
	return out, nil
}

// apply sets an entry's overridden fields.
func (o *placeOverride) apply(e *entry) {
	o.used = true
	e.aliases = append(e.aliases, o.aliases...)
	if o.subtype != "" {
		e.subtype = o.subtype
	}
	if o.rank != 0 {
		e.rank = o.rank
	}
	if o.match != "" {
		e.match = o.match
	}
}

// headNouns open formal names (محافظة درعا): the name is what follows, and
// the matcher finds the head noun in the text by itself.
var headNouns = []string{"محافظة ", "منطقة ", "ناحية ", "مدينة ", "مركز "}

func hasHeadNoun(s string) bool {
	for _, h := range headNouns {
		if strings.HasPrefix(s, h) {
			return true
		}
	}
	return false
}

// Ranks of Syrian places: prominence when nothing in the context decides.
const (
	rankGovernorate    = 90
	rankDistrict       = 45
	rankSubdistrict    = 30
	rankCapitalCity    = 85
	rankDistrictCentre = 70
	rankSubdistrictTwn = 50
	rankVillage        = 20
	rankSite           = 25
)

func (g *generator) syriaAdmin() ([]entry, []string, error) {
	t, err := g.syriaAdminTable()
	if err != nil {
		return nil, nil, err
	}
	at, err := readTable(g.source("syria-admin-opensyria", "syria_admin1-3_aliases.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := at.need("ocha_pcode", "alias", "language", "alias_type"); err != nil {
		return nil, nil, err
	}
	// An alias that is another unit's name (ريف دمشق on a district) or a
	// region's (الغوطة الشرقية on a sub-district) would take that place's
	// mentions: such source aliases are dropped.
	names := map[string]string{}
	for i := range t.rows {
		names[g.norm(t.get(i, "name_ar"))] = t.get(i, "ocha_pcode")
	}
	regions, err := g.curatedNames("regions.tsv")
	if err != nil {
		return nil, nil, err
	}
	aliases := map[string][]string{}
	for i := range at.rows {
		a := at.get(i, "alias")
		if at.get(i, "language") != "ar" || hasHeadNoun(a) {
			continue
		}
		p := at.get(i, "ocha_pcode")
		k := g.norm(a)
		if other, ok := names[k]; ok && other != p {
			g.report("  drop alias %q of %s: it names %s", a, p, other)
			continue
		}
		if region, ok := regions[k]; ok {
			g.report("  drop alias %q of %s: it names %s", a, p, region)
			continue
		}
		aliases[p] = append(aliases[p], a)
	}
	over, err := g.syriaVariants()
	if err != nil {
		return nil, nil, err
	}
	var out []entry
	for i := range t.rows {
		e := entry{
			id:      t.get(i, "ocha_pcode"),
			typ:     "PLACE",
			name:    t.get(i, "name_ar"),
			nameEn:  t.get(i, "name_en"),
			aliases: aliases[t.get(i, "ocha_pcode")],
			parent:  t.get(i, "parent_pcode"),
			ids:     []string{"pcode=" + t.get(i, "ocha_pcode")},
		}
		switch t.get(i, "level") {
		case "1":
			e.subtype, e.rank = "governorate", rankGovernorate
			if v := t.get(i, "iso3166_2"); v != "" {
				e.ids = append(e.ids, "iso3166_2="+v)
			}
		case "2":
			e.subtype, e.rank = "district", rankDistrict
		case "3":
			e.subtype, e.rank = "subdistrict", rankSubdistrict
		default:
			return nil, nil, fmt.Errorf("%s: level %q", t.where(i), t.get(i, "level"))
		}
		if v := t.get(i, "geonames_id"); v != "" {
			e.ids = append(e.ids, "geonames="+v)
		}
		if v := t.get(i, "wikidata_qid"); v != "" {
			e.ids = append(e.ids, "wikidata="+v)
		}
		if e.lat, err = coord(t.get(i, "latitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		if e.lon, err = coord(t.get(i, "longitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		if o := over[e.id]; o != nil {
			o.apply(&e)
		}
		out = append(out, e)
	}
	for id, o := range over {
		if !o.used && strings.HasPrefix(id, "SY") {
			return nil, nil, fmt.Errorf("src/syria-variants.tsv: %s is not an admin unit", id)
		}
	}
	return out, []string{
		"Syria's governorates, districts and sub-districts with OCHA P-codes.",
		"Source: OpenSyria data-geography (CC BY 4.0), compiled from UN OCHA COD-AB/HDX (CC BY 3.0 IGO),",
		"GeoNames (CC BY 4.0), geoBoundaries and Wikidata (CC0); press spellings from gazetteer/src/syria-variants.tsv.",
	}, nil
}

func (g *generator) syriaCommunities() ([]entry, []string, error) {
	t, err := readTable(g.source("syria-communities-syrianarchive", "syria_communities.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := t.need("ocha_pcode", "name_ar", "name_ar_variants", "name_en", "adm3_pcode", "adm2_pcode", "adm1_pcode", "latitude", "longitude"); err != nil {
		return nil, nil, err
	}
	units, _, err := g.adminUnits()
	if err != nil {
		return nil, nil, err
	}
	over, err := g.syriaVariants()
	if err != nil {
		return nil, nil, err
	}
	// centre reports whether a community bears the name of an admin unit
	// it lies in (a sub-district's "مركز X" counts as X).
	centre := func(name, pcode string) bool {
		u, ok := units[pcode]
		if !ok {
			return false
		}
		return g.norm(strings.TrimPrefix(u.name, "مركز ")) == g.norm(name)
	}
	var out []entry
	for i := range t.rows {
		name := t.get(i, "name_ar")
		variants := splitList(t.get(i, "name_ar_variants"))
		if strings.Contains(name, "_") && len(variants) > 0 {
			// "الصياح_صياح ظاهرية": the first variant is the name.
			name, variants = variants[0], variants[1:]
		}
		adm1, adm2, adm3 := t.get(i, "adm1_pcode"), t.get(i, "adm2_pcode"), t.get(i, "adm3_pcode")
		e := entry{
			id:      t.get(i, "ocha_pcode"),
			typ:     "PLACE",
			name:    name,
			nameEn:  dedupeEnglish(t.get(i, "name_en")),
			aliases: variants,
			parent:  adm3,
			ids:     []string{"pcode=" + t.get(i, "ocha_pcode")},
		}
		switch {
		case centre(name, adm1):
			e.subtype, e.rank = "city", rankCapitalCity
		case centre(name, adm2):
			e.subtype, e.rank = "city", rankDistrictCentre
		case centre(name, adm3):
			e.subtype, e.rank = "town", rankSubdistrictTwn
		default:
			e.subtype, e.rank = "village", rankVillage
		}
		if e.lat, err = coord(t.get(i, "latitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		if e.lon, err = coord(t.get(i, "longitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		if _, ok := units[adm3]; !ok {
			return nil, nil, fmt.Errorf("%s: sub-district %q is not in the admin table", t.where(i), adm3)
		}
		if o := over[e.id]; o != nil {
			o.apply(&e)
		}
		out = append(out, e)
	}
	for id, o := range over {
		if !o.used && !strings.HasPrefix(id, "SY") {
			return nil, nil, fmt.Errorf("src/syria-variants.tsv: %s is not a community or admin unit", id)
		}
	}
	return out, []string{
		"Syria's communities (towns and villages, OCHA admin-4) with C-codes and coordinates.",
		"Source: UN OCHA COD (CC BY 3.0 IGO, attribution \"UN OCHA\"), via Syrian Archive / Mnemonic",
		"syrianarchive-api (repository licence GPL-3.0; see README, Data sources and licences).",
		"Subtype and rank: a community bearing its governorate's name is that governorate's capital (city),",
		"its district's name a district centre (city), its sub-district's name a town; others are villages;",
		"gazetteer/src/syria-variants.tsv adds press spellings and corrects subtype and prominence.",
	}, nil
}

// dedupeEnglish turns the source's "Dar'a - Dar'a" into "Dar'a".
func dedupeEnglish(s string) string {
	if a, b, ok := strings.Cut(s, " - "); ok && a == b {
		return a
	}
	return s
}
