package khabar_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"strings"
	"time"

	"golang.org/x/text/transform"

	"github.com/khabar-ie/khabar"
)

// A document held in memory: Extract returns all its records at once.
// Start and End are code point offsets into the original text, and Text is
// exactly that slice of it (the proclitic ب of بدرعا is left out and
// reported as the prefix).
func ExampleExtractor_Extract() {
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := x.Extract(context.Background(), khabar.Document{
		ID:   "a1",
		Text: "قُتل مدني في مدينة جاسم بدرعا، بحسب عنب بلدي.",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range res.Entities {
		fmt.Println(e.Type, e.Text, e.Start, e.End, e.NameEn)
	}
	fmt.Println(res.Summary.Status, res.Summary.Counts["PLACE"], res.Summary.Counts["ORG"])
	// Output:
	// PLACE جاسم 19 23 Jasim
	// PLACE درعا 25 29 Daraa
	// ORG عنب بلدي 36 44 Enab Baladi
	// ok 2 1
}

// A stream: ExtractReader reads from any io.Reader (a file, standard input,
// a network connection) sentence by sentence and calls the function for
// each record as soon as its sentence is complete, in bounded memory. The
// last record of a document is always its summary.
func ExampleExtractor_ExtractReader() {
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		log.Fatal(err)
	}
	article := strings.NewReader("قُتل مدني في مدينة جاسم بدرعا.\n" +
		"وقالت عنب بلدي إن قوات النظام قصفت ريف دمشق.\n")
	info := khabar.DocInfo{ID: "stdin", RefDate: time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC)}
	err = x.ExtractReader(context.Background(), info, article, func(r khabar.Record) error {
		switch r := r.(type) {
		case *khabar.Entity:
			fmt.Println(r.Sentence, r.Type, r.Text, r.Start, r.End)
		case *khabar.Summary:
			fmt.Println(r.Status, r.Sentences, "sentences,", r.Characters, "characters, ref date", r.RefDate)
		}
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// 0 PLACE جاسم 19 23
	// 0 PLACE درعا 25 29
	// 1 ORG عنب بلدي 37 45
	// 1 ORG قوات النظام 49 60
	// 1 PLACE ريف دمشق 66 74
	// ok 2 sentences, 76 characters, ref date 2022-07-26
}

// The same stream as an iterator. An error, if any, comes last with a nil
// record; breaking out of the loop stops the extraction.
func ExampleExtractor_Records() {
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		log.Fatal(err)
	}
	text := "تصدى مقاتلون محليون في مدينة جاسم لدورية أمنية تابعة للنظام السوري."
	for rec, err := range x.Records(context.Background(), khabar.DocInfo{ID: "a2"}, strings.NewReader(text)) {
		if err != nil {
			log.Fatal(err)
		}
		if e, ok := rec.(*khabar.Entity); ok {
			fmt.Printf("%s %s %d %d prefix=%q %s\n", e.Type, e.Text, e.Start, e.End, e.Prefix, e.Source)
		}
	}
	// Output:
	// PLACE جاسم 29 33 prefix="" gazetteer:C6111
	// ORG لنظام السوري 54 66 prefix="ل" gazetteer:ORG-SY-GOV
}

// The normalizer folds text the way the extractor matches it. String
// handles a string; the Transformer streams in fixed memory with
// golang.org/x/text/transform.
func ExampleNewNormalizer() {
	n := khabar.NewNormalizer(khabar.NormalizeOptions{})
	fmt.Println(n.String("قُتِلَ في مَدينةِ جـــاسم ٢٠٢١"))

	r := transform.NewReader(strings.NewReader("ﺟﺎﺳﻢ \uFEFBالأمم\u200f المتحدة"), n.Transformer())
	b, err := io.ReadAll(r)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(b))

	// Display normalization keeps letters and marks as written.
	d := khabar.NewNormalizer(khabar.DisplayNormalization())
	fmt.Println(d.String("قُتِلَ في مَدينةِ جـــاسم ٢٠٢١"))
	// Output:
	// قتل في مدينه جاسم 2021
	// جاسم لاالامم المتحده
	// قُتِلَ في مَدينةِ جاسم ٢٠٢١
}

// LookupName shows the gazetteer entries a name may be, most prominent
// first, with the evidence a mention needs: the governorate and the city
// are reported wherever the name occurs; the district needs a sign (a head
// noun such as منطقة, or context).
func ExampleExtractor_LookupName() {
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range x.LookupName("درعا") {
		fmt.Println(e.ID, e.Subtype, e.Evidence, e.Admin[len(e.Admin)-1].Name)
	}
	// Output:
	// SY12 governorate free سوريا
	// C5993 city free سوريا
	// SY1200 district cue سوريا
}

// Evidence: a village or town name needs a sign that a place is meant; a
// head noun gives it, and the admin chain links the mention to its
// sub-district, district, governorate and country.
func ExampleEntity_admin() {
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		log.Fatal(err)
	}
	for _, text := range []string{"قال جاسم إن الوضع هادئ.", "قتل مدني في مدينة جاسم."} {
		res, err := x.Extract(context.Background(), khabar.Document{ID: "d", Text: text})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%q: %d entities\n", text, len(res.Entities))
		for _, e := range res.Entities {
			var chain []string
			for _, a := range e.Admin {
				chain = append(chain, a.Name)
			}
			fmt.Println(e.Text, e.IDs["gazetteer"], e.Evidence, strings.Join(chain, " < "))
		}
	}
	// Output:
	// "قال جاسم إن الوضع هادئ.": 0 entities
	// "قتل مدني في مدينة جاسم.": 1 entities
	// جاسم C6111 head:مدينة جاسم < إزرع < درعا < سوريا
}

// Dates, figures and names found by pattern: every DATE has an ISO 8601
// value at its own precision (relative ones resolved against the
// document's reference date), a QUANTITY is a number with the noun it
// counts, and «اللواء 52» is an organization though no list names it.
func ExampleExtractor_Extract_dates() {
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := x.Extract(context.Background(), khabar.Document{
		ID:      "a2",
		RefDate: time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC),
		Text: "قُتل 13 عنصرًا من اللواء 52 أمس (الاثنين)، بعد اتفاق 3 من تشرين الأول 2021 " +
			"الموافق 26 صفر 1443 هـ. وكانت المعارك بدأت أواخر آذار الماضي.",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range res.Entities {
		switch e.Type {
		case "DATE":
			fmt.Println(e.Type, e.Text, "→", e.Value, e.Calendar, e.Resolved)
		case "QUANTITY":
			fmt.Println(e.Type, e.Text, "→", e.Quantity.Value, e.Quantity.Unit)
		default:
			fmt.Println(e.Type, e.Text, e.Subtype, e.Source)
		}
	}
	// Output:
	// QUANTITY 13 عنصرًا → 13 member
	// ORG اللواء 52 military_unit rule:org:unit
	// DATE أمس (الاثنين) → 2022-07-25 gregorian relative
	// DATE 3 من تشرين الأول 2021 → 2021-10-03 gregorian explicit
	// DATE 26 صفر 1443 هـ → 2021-10-03 hijri explicit
	// DATE أواخر آذار الماضي → 2022-03-21/2022-03-31 gregorian relative
}

// Events: who did what, where, when and with how many killed, typed with
// ACLED's taxonomy. Each argument points back to the words it came from;
// mentions of one happening are merged, with the widest figures.
func ExampleExtractor_Extract_events() {
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := x.Extract(context.Background(), khabar.Document{
		ID:      "a3",
		RefDate: time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC),
		Text: "اندلعت اليوم، الثلاثاء، اشتباكات عنيفة بين مقاتلين محليين وقوات النظام في مدينة جاسم بريف درعا، بحسب عنب بلدي. " +
			"وأسفرت المواجهات عن مقتل عشرة عناصر، ويرجح أن يصل العدد إلى 13 قتيلًا. " +
			"وهددت قوات النظام باقتحام المدينة.",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, ev := range res.Events {
		fmt.Println(ev.ID, ev.Type+"/"+ev.SubType, ev.Location.Name, ev.Date.Value, ev.Date.Basis, ev.Modality)
		if f := ev.Fatalities; f != nil {
			fmt.Println("  killed", f.Value, "to", *f.Max, "from", f.Text)
		}
		for _, a := range ev.Actors {
			fmt.Println(" ", a.Role, a.Name, a.Class)
		}
	}
	// Output:
	// v1 battle/armed_clash جاسم 2022-07-26 sentence reported
	//   killed 10 to 13 from عشرة عناصر، 13 قتيلًا
	//   actor1 مقاتلين محليين rebel_group
	//   actor2 قوات النظام state_forces
	// v2 threat/threat جاسم 2022-07-26 document threatened
	//   actor1 قوات النظام state_forces
}
