package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/khabar-ie/khabar/internal/lexicon"
)

// curatedNames returns the normalized names and aliases of a curated file
// of the gazetteer folder (orgs.tsv, regions.tsv), so generated rows never
// repeat them.
func (g *generator) curatedNames(file string) (map[string]string, error) {
	path := filepath.Join(g.dir, file)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := lexicon.Parse(f, path)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, e := range entries {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			names[g.norm(n)] = e.ID
		}
	}
	return names, nil
}

// orgSubtypes maps the Syrian Zone entity types to ours.
var orgSubtypes = map[string]string{
	"ORG_MINISTRY":           "ministry",
	"ORG_UNIVERSITY":         "university",
	"ORG_DIPLOMATIC_MISSION": "diplomatic_mission",
	"ORG_SYNDICATE":          "syndicate",
	"ORG_OTHER":              "state_body",
}

// otherKinds refines ORG_OTHER by a word of the name.
var otherKinds = []struct{ word, subtype string }{
	{"الإخبارية", "media"}, {"سانا", "media"}, {"الهلال الأحمر", "humanitarian"}, {"الدفاع المدني", "humanitarian"},
	{"الخطوط", "company"}, {"للطيران", "company"}, {"فلاي", "company"}, {"الشركة", "company"}, {"مؤسسة", "company"},
}

func (g *generator) syriaOrgs() ([]entry, []string, error) {
	c, err := g.newCollector("orgs.tsv", func(e entry) string { return g.norm(e.name) }, "same name")
	if err != nil {
		return nil, nil, err
	}

	un, err := readTable(g.source("syria-orgs", "syrian_universities_opensyria.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := un.need("opensyria_id", "name_en", "name_ar", "aliases", "wikidata_qid"); err != nil {
		return nil, nil, err
	}
	for i := range un.rows {
		e := entry{
			id: "ORG-UNI-" + strings.ToUpper(strings.TrimPrefix(un.get(i, "opensyria_id"), "sy-")), typ: "ORG",
			subtype: "university", name: un.get(i, "name_ar"), nameEn: un.get(i, "name_en"),
			parent: "SY", ids: []string{"opensyria=" + un.get(i, "opensyria_id")}, rank: 40,
		}
		for _, a := range splitList(un.get(i, "aliases")) {
			if hasArabic(a) {
				e.aliases = append(e.aliases, a)
			}
		}
		if v := un.get(i, "wikidata_qid"); v != "" {
			e.ids = append(e.ids, "wikidata="+v)
		}
		c.add(e, un.where(i))
	}

	t, err := readTable(g.source("syria-orgs", "syrian_official_bodies_syrianzone.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := t.need("entity_type", "source_id", "name_en", "name_ar"); err != nil {
		return nil, nil, err
	}
	for i := range t.rows {
		subtype, ok := orgSubtypes[t.get(i, "entity_type")]
		name := t.get(i, "name_ar")
		// Persons are not organizations; governorate authorities read as
		// their governorates (محافظة درعا) and airports are places.
		if !ok || strings.HasPrefix(name, "مطار") {
			continue
		}
		if subtype == "state_body" {
			for _, k := range otherKinds {
				if strings.Contains(name, k.word) {
					subtype = k.subtype
					break
				}
			}
		}
		e := entry{
			id: "ORG-SZ-" + strings.ToUpper(t.get(i, "source_id")), typ: "ORG", subtype: subtype,
			name: name, nameEn: t.get(i, "name_en"), parent: "SY", rank: 50,
		}
		// "وزارة الداخلية السورية" is also written "وزارة الداخلية في سوريا"
		// but not bare: the bare form names any country's ministry.
		if subtype == "university" {
			e.rank = 40
			for _, suffix := range []string{" الخاصة"} {
				if short := strings.TrimSuffix(name, suffix); short != name {
					e.aliases = append(e.aliases, short)
				}
			}
		}
		c.add(e, t.where(i))
	}
	return c.out, []string{
		"Syrian official bodies, ministries, universities, embassies and syndicates.",
		"Sources: SYCompass/syrianzone (MIT License, Copyright (c) 2025 SYCompass) and",
		"OpenSyria data-universities (CC BY 4.0; from the Wikipedia list of universities in Syria and Wikidata).",
		"Reflects the transitional government after December 2024. Persons are left out.",
	}, nil
}

// hasArabic reports whether s has an Arabic letter.
func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}
