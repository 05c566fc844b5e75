// Package icutable reads the copy of ICU's Umm al-Qura table kept in
// internal/hijri/internal/gen/icu-umalqura.txt and turns it into the TSV
// that package hijri embeds (internal/hijri/umalqura.tsv).
//
// The copy holds verbatim excerpts of ICU4C's islamcal.cpp: the table range
// (UMALQURA_YEAR_START, UMALQURA_YEAR_END), the civil epoch (CIVIL_EPOC), one
// 12-bit month-length mask per year (UMALQURA_MONTHLENGTH; bit 11 is
// Muharram, a set bit means 30 days) and the correction to ICU's linear
// year-start estimate (umAlQuraYrStartEstimateFix). Lines starting with
// "####" are the project's own notes and are skipped, except the
// "#### Repository:", "#### Path:" and "#### Commit:" lines, which name the
// source and are carried into the TSV header.
//
// The 1 Muharram dates are computed in two independent ways and must agree:
// with ICU's own yearStart (a least-squares line plus the per-year fix) and
// by adding up the month lengths from the first year. The first year must
// also start on the known anchor date, 1 Muharram 1300 = 1882-11-12.
package icutable

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Source names where the copied table comes from.
type Source struct {
	Repository, Path, Commit string
}

// Year is one Hijri year of the Umm al-Qura table.
type Year struct {
	Year int
	// StartJD is the Julian Day Number of 1 Muharram.
	StartJD int
	// Lengths holds the 12 month lengths (29 or 30), Muharram first.
	Lengths [12]int
}

// Anchor is the independently known Gregorian date of 1 Muharram 1300 AH,
// the first year of ICU's table; the generator refuses a table that does
// not start there.
var Anchor = [3]int{1882, 11, 12}

const (
	maskLine     = "0x01 << (11 - month)"
	estimateLine = "(354.36720 * static_cast<double>(year)) + 460322.05 + 0.5);"
)

var (
	reYearStart = regexp.MustCompile(`^static const int32_t UMALQURA_YEAR_START = (\d+);`)
	reYearEnd   = regexp.MustCompile(`^static const int32_t UMALQURA_YEAR_END = (\d+);`)
	reEpoch     = regexp.MustCompile(`^static const int32_t CIVIL_EPOC = (\d+);`)
	reMeta      = regexp.MustCompile(`^####\s+(Repository|Path|Commit):\s+(\S+)\s*$`)
)

type line struct {
	no   int
	text string
}

// Parse reads the ICU copy and returns its source and the table, one entry
// per year, after checking it (see the package documentation). Errors name
// the line of src they concern.
func Parse(src []byte) (Source, []Year, error) {
	var (
		srcInfo            Source
		code               []line
		first, last, epoch int
		haveMask, haveEst  bool
	)
	sc := bufio.NewScanner(bytes.NewReader(src))
	for no := 1; sc.Scan(); no++ {
		t := sc.Text()
		if strings.HasPrefix(t, "####") {
			if m := reMeta.FindStringSubmatch(t); m != nil {
				switch m[1] {
				case "Repository":
					srcInfo.Repository = m[2]
				case "Path":
					srcInfo.Path = m[2]
				case "Commit":
					srcInfo.Commit = m[2]
				}
			}
			continue
		}
		code = append(code, line{no, t})
	}
	if err := sc.Err(); err != nil {
		return Source{}, nil, err
	}
	if srcInfo.Repository == "" || srcInfo.Path == "" || srcInfo.Commit == "" {
		return Source{}, nil, fmt.Errorf("header: missing #### Repository:, Path: or Commit: line")
	}

	var masks, fixes []line
	for i := 0; i < len(code); i++ {
		l := code[i]
		t := strings.TrimSpace(l.text)
		var err error
		switch {
		case reYearStart.MatchString(t):
			first, err = strconv.Atoi(reYearStart.FindStringSubmatch(t)[1])
		case reYearEnd.MatchString(t):
			last, err = strconv.Atoi(reYearEnd.FindStringSubmatch(t)[1])
		case reEpoch.MatchString(t):
			epoch, err = strconv.Atoi(reEpoch.FindStringSubmatch(t)[1])
		case t == "static const int UMALQURA_MONTHLENGTH[] = {":
			masks, i, err = arrayBody(code, i)
		case t == "static const int8_t umAlQuraYrStartEstimateFix[] = {":
			fixes, i, err = arrayBody(code, i)
		case strings.Contains(t, maskLine):
			haveMask = true
		case t == estimateLine:
			haveEst = true
		}
		if err != nil {
			return Source{}, nil, fmt.Errorf("line %d: %w", l.no, err)
		}
	}
	switch {
	case first == 0 || last == 0 || epoch == 0:
		return Source{}, nil, fmt.Errorf("UMALQURA_YEAR_START, UMALQURA_YEAR_END or CIVIL_EPOC not found")
	case masks == nil || fixes == nil:
		return Source{}, nil, fmt.Errorf("UMALQURA_MONTHLENGTH or umAlQuraYrStartEstimateFix not found")
	case !haveMask:
		return Source{}, nil, fmt.Errorf("month mask expression %q not found: bit order unknown", maskLine)
	case !haveEst:
		return Source{}, nil, fmt.Errorf("year start estimate %q not found", estimateLine)
	case last < first:
		return Source{}, nil, fmt.Errorf("UMALQURA_YEAR_END %d before UMALQURA_YEAR_START %d", last, first)
	}

	n := last - first + 1
	maskVals, err := numbers(masks, func(s string) (int, error) {
		if !strings.HasPrefix(s, "0x") {
			return 0, fmt.Errorf("mask %q is not hexadecimal", s)
		}
		v, err := strconv.ParseInt(s[2:], 16, 32)
		if err == nil && v >= 1<<12 {
			err = fmt.Errorf("mask %q has more than 12 bits", s)
		}
		return int(v), err
	})
	if err != nil {
		return Source{}, nil, err
	}
	fixVals, err := numbers(fixes, strconv.Atoi)
	if err != nil {
		return Source{}, nil, err
	}
	if len(maskVals) != n || len(fixVals) != n {
		return Source{}, nil, fmt.Errorf("years %d..%d need %d entries, have %d masks and %d fixes",
			first, last, n, len(maskVals), len(fixVals))
	}

	years := make([]Year, n)
	acc := 0
	for i := range n {
		y := Year{Year: first + i}
		total := 0
		for m := range 12 {
			y.Lengths[m] = 29 + (maskVals[i].v>>(11-m))&1
			total += y.Lengths[m]
		}
		// ICU: yearStart = (int64)(354.36720*i + 460322.05 + 0.5) + fix[i],
		// in days after the civil epoch, so JD = CIVIL_EPOC + yearStart.
		// The exact rational value 35436720*i + 46032255000 over 100000 is
		// never an integer, so truncating it in integers is what the double
		// computation gives; both are done and compared.
		est := (35436720*i+46032255000)/100000 + fixVals[i].v
		if f := int(354.36720*float64(i)+460322.05+0.5) + fixVals[i].v; f != est {
			return Source{}, nil, fmt.Errorf("line %d: year %d: float estimate %d != integer estimate %d",
				fixVals[i].no, y.Year, f, est)
		}
		if i == 0 {
			acc = est
		} else if acc != est {
			return Source{}, nil, fmt.Errorf("line %d: year %d: ICU start estimate %d != sum of month lengths %d",
				fixVals[i].no, y.Year, est, acc)
		}
		y.StartJD = epoch + est
		acc += total
		years[i] = y
	}
	if g := JDToGregorian(years[0].StartJD); g != Anchor {
		return Source{}, nil, fmt.Errorf("1 Muharram %d is %04d-%02d-%02d, want anchor %04d-%02d-%02d",
			first, g[0], g[1], g[2], Anchor[0], Anchor[1], Anchor[2])
	}
	// The runtime falls back to the tabular civil calendar on both sides of
	// the table. That is seamless only if the table starts where the
	// tabular year `first` starts and ends where tabular year `last+1`
	// starts; check both.
	if cs := civilYearStart(first); cs != years[0].StartJD-epoch {
		return Source{}, nil, fmt.Errorf("year %d: table start %d != civil start %d", first, years[0].StartJD-epoch, cs)
	}
	if cs := civilYearStart(last + 1); cs != acc {
		return Source{}, nil, fmt.Errorf("year %d: table end %d != civil start %d", last+1, acc, cs)
	}
	return srcInfo, years, nil
}

// civilYearStart is ICU's IslamicCivilCalendar::yearStart: days from the
// civil epoch to 1 Muharram of year.
func civilYearStart(year int) int {
	return 354*(year-1) + floorDiv(3+11*year, 30)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// arrayBody returns the lines of a C array initializer that starts at
// code[i] and the index of its closing "};" line. Comments ("//") are
// dropped; a "};" inside a comment does not close the array.
func arrayBody(code []line, i int) ([]line, int, error) {
	var body []line
	for j := i + 1; j < len(code); j++ {
		t, _, _ := strings.Cut(code[j].text, "//")
		t = strings.TrimSpace(t)
		if t == "};" {
			return body, j, nil
		}
		if t != "" {
			body = append(body, line{code[j].no, t})
		}
	}
	return nil, i, fmt.Errorf("array not closed")
}

type number struct{ no, v int }

func numbers(body []line, conv func(string) (int, error)) ([]number, error) {
	var out []number
	for _, l := range body {
		for f := range strings.SplitSeq(l.text, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			v, err := conv(f)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", l.no, err)
			}
			out = append(out, number{l.no, v})
		}
	}
	return out, nil
}

// JDToGregorian converts a Julian Day Number (the day starting at noon of
// that number; JD 2451545 is 2000-01-01) to a proleptic Gregorian date,
// with Richards' algorithm (valid for JD >= 0).
func JDToGregorian(jd int) [3]int {
	f := jd + 1401 + (((4*jd+274277)/146097)*3)/4 - 38
	e := 4*f + 3
	g := (e % 1461) / 4
	h := 5*g + 2
	d := (h%153)/5 + 1
	m := (h/153+2)%12 + 1
	y := e/1461 - 4716 + (12+2-m)/12
	return [3]int{y, m, d}
}

// Header is the column header row of the TSV.
const Header = "hijri_year\tgregorian_1_muharram\tmuharram\tsafar\trabi_al_awwal\trabi_al_thani\tjumada_al_ula\tjumada_al_akhirah\trajab\tshaban\tramadan\tshawwal\tdhu_al_qadah\tdhu_al_hijjah"

// Generate returns the TSV for the ICU copy src: comment lines starting with
// "#", the Header row, then one row per Hijri year with the Gregorian date
// of 1 Muharram (YYYY-MM-DD) and the 12 month lengths.
func Generate(src []byte) ([]byte, error) {
	s, years, err := Parse(src)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Umm al-Qura calendar, Hijri years %d-%d: Gregorian date of 1 Muharram and the length of each month.\n",
		years[0].Year, years[len(years)-1].Year)
	b.WriteString("# Code generated by \"go run ./internal/gen\" from internal/gen/icu-umalqura.txt; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "# Source: ICU %s, %s, commit %s (UMALQURA_MONTHLENGTH).\n", s.Repository, s.Path, s.Commit)
	b.WriteString("# Copyright © 2016 and later: Unicode, Inc. and others. Unicode License v3 (SPDX Unicode-3.0);\n")
	b.WriteString("# the full notice is in internal/gen/icu-umalqura.txt.\n")
	b.WriteString(Header + "\n")
	for _, y := range years {
		g := JDToGregorian(y.StartJD)
		fmt.Fprintf(&b, "%d\t%04d-%02d-%02d", y.Year, g[0], g[1], g[2])
		for _, l := range y.Lengths {
			fmt.Fprintf(&b, "\t%d", l)
		}
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
