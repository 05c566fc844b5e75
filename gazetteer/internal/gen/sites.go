package main

import (
	"fmt"
	"regexp"
	"strings"
)

// siteKinds maps the first word of a Syrian Archive label to a subtype;
// labels starting with حي are neighbourhoods named without the head noun.
var siteKinds = []struct{ prefix, subtype string }{
	{"حي ", "neighbourhood"}, {"حيّ ", "neighbourhood"},
	{"دوار ", "site"}, {"شارع ", "site"}, {"جسر ", "site"}, {"ساحة ", "site"}, {"سوق ", "site"},
	{"جامع ", "site"}, {"مسجد ", "site"}, {"فندق ", "site"}, {"ثكنة ", "site"}, {"مشفى ", "site"},
	{"مستشفى ", "site"}, {"سجن ", "site"}, {"مطار ", "airport"}, {"معبر ", "crossing"}, {"مخيم ", "camp"},
	{"قرية ", "village"}, {"بلدة ", "town"}, {"جادة ", "site"}, {"الكليه ", "site"}, {"الكلية ", "site"},
	{"مدرسة ", "site"}, {"قلعة ", "site"}, {"دير ", "site"}, {"كنيسة ", "site"}, {"مساكن ", "neighbourhood"},
	{"جمعية ", "neighbourhood"}, {"ضاحية ", "neighbourhood"}, {"مدينة ", "site"},
}

// labelRE splits "مدينة حلب : الشعار" into the city part and the place.
var labelRE = regexp.MustCompile(`^(.*?)\s*:\s*(.+)$`)

func (g *generator) syriaSites() ([]entry, []string, error) {
	units, bySlug, err := g.adminUnits()
	if err != nil {
		return nil, nil, err
	}
	// The same name and parent is the same place twice.
	c, err := g.newCollector("regions.tsv", func(e entry) string { return e.parent + "\x00" + g.norm(e.name) }, "same name and parent")
	if err != nil {
		return nil, nil, err
	}

	// Syrian Archive's own locations: neighbourhoods and landmarks.
	t, err := readTable(g.source("syria-communities-syrianarchive", "syrianarchive_extra_locations.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := t.need("syrianarchive_id", "label_en", "label_ar", "nearest_admin_pcode", "latitude", "longitude"); err != nil {
		return nil, nil, err
	}
	// The city part of a label names a governorate capital; its
	// community is the parent.
	cities := map[string]string{"حلب": "C1007", "دمشق": "C1001"}
	ct, err := readTable(g.source("syria-communities-syrianarchive", "syria_communities.tsv"))
	if err != nil {
		return nil, nil, err
	}
	for i := range ct.rows {
		gov := units[ct.get(i, "adm1_pcode")]
		if g.norm(ct.get(i, "name_ar")) == g.norm(gov.name) {
			cities[g.norm(gov.name)] = ct.get(i, "ocha_pcode")
		}
	}
	for i := range t.rows {
		m := labelRE.FindStringSubmatch(t.get(i, "label_ar"))
		if m == nil {
			continue // a bare city or area label: the community tables have it
		}
		cityPart, name := strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
		parent := t.get(i, "nearest_admin_pcode")
		if city, ok := strings.CutPrefix(cityPart, "مدينة"); ok {
			// "مدينة حلب", "مدينةحلب", "مدينة حلب حلب", "مدينة دير الزور"
			city = strings.TrimSpace(city)
			for _, c := range []string{city, strings.Fields(city + " x")[0]} {
				if id, ok := cities[g.norm(c)]; ok {
					parent = id
					break
				}
			}
		}
		if _, ok := units[parent]; !ok && !strings.HasPrefix(parent, "C") {
			return nil, nil, fmt.Errorf("%s: parent %q is not a P-code", t.where(i), parent)
		}
		subtype := "neighbourhood"
		for _, k := range siteKinds {
			if strings.HasPrefix(name, k.prefix) {
				subtype = k.subtype
				if subtype == "neighbourhood" || subtype == "village" || subtype == "town" {
					name = strings.TrimSpace(strings.TrimPrefix(name, k.prefix))
				}
				break
			}
		}
		en := t.get(i, "label_en")
		if _, after, ok := strings.Cut(en, " : "); ok {
			en = after
		}
		e := entry{
			id: "SA" + t.get(i, "syrianarchive_id"), typ: "PLACE", subtype: subtype,
			name: name, nameEn: en, parent: parent,
			ids:  []string{"syrianarchive=" + t.get(i, "syrianarchive_id")},
			rank: rankSite,
		}
		if e.lat, err = coord(t.get(i, "latitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		if e.lon, err = coord(t.get(i, "longitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.where(i), err)
		}
		c.add(e, t.where(i))
	}

	// Transport places with an Arabic name.
	tt, err := readTable(g.source("syria-transport-opensyria", "syria_transport_locations.tsv"))
	if err != nil {
		return nil, nil, err
	}
	if err := tt.need("opensyria_id", "name_en", "name_ar", "location_types", "latitude", "longitude", "governorate_id", "district_id", "subdistrict_id", "wikidata_qid", "geonames_id"); err != nil {
		return nil, nil, err
	}
	kinds := map[string]string{
		"border_crossing": "crossing", "airport": "airport", "seaport": "port",
		"rail_terminal": "station", "road_terminal": "station", "terminal": "station", "oil_terminal": "port",
	}
	for i := range tt.rows {
		name := tt.get(i, "name_ar")
		if name == "" {
			continue
		}
		types := splitList(tt.get(i, "location_types"))
		subtype := "site"
		if len(types) > 0 && kinds[types[0]] != "" {
			subtype = kinds[types[0]]
		}
		parent := ""
		for _, c := range []string{"subdistrict_id", "district_id", "governorate_id"} {
			if p, ok := bySlug[tt.get(i, c)]; ok {
				parent = p
				break
			}
		}
		if parent == "" {
			parent = "SY"
		}
		e := entry{
			id: "SYT-" + strings.ToUpper(strings.TrimPrefix(tt.get(i, "opensyria_id"), "sy-")), typ: "PLACE",
			subtype: subtype, name: name, nameEn: tt.get(i, "name_en"), parent: parent,
			ids: []string{"opensyria=" + tt.get(i, "opensyria_id")}, rank: 40,
		}
		// "معبر نصيب الحدودي" is also written without its adjective.
		for _, adj := range []string{" الحدودي", " الدولي", " العسكري"} {
			if short := strings.TrimSuffix(name, adj); short != name {
				e.aliases = append(e.aliases, short)
			}
		}
		if v := tt.get(i, "wikidata_qid"); v != "" {
			e.ids = append(e.ids, "wikidata="+v)
		}
		if v := tt.get(i, "geonames_id"); v != "" {
			e.ids = append(e.ids, "geonames="+v)
		}
		if e.lat, err = coord(tt.get(i, "latitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", tt.where(i), err)
		}
		if e.lon, err = coord(tt.get(i, "longitude")); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", tt.where(i), err)
		}
		c.add(e, tt.where(i))
	}
	return c.out, []string{
		"Syrian neighbourhoods, landmarks, border crossings, airports, ports and stations.",
		"Sources: Syrian Archive / Mnemonic syrianarchive-api extra locations (repository licence GPL-3.0),",
		"and OpenSyria data-transport (open data; records from HIU/US DoS (public domain), HDX (CC0),",
		"OurAirports (public domain), GeoNames (CC BY 4.0), Wikidata (CC0), NGA World Port Index (public domain)).",
	}, nil
}
