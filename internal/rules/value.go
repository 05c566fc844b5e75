package rules

import (
	"fmt"
	"time"

	"github.com/khabar-ie/khabar/internal/hijri"
)

// Precision is how much of a date an expression gives.
type Precision uint8

// Precisions, finest first.
const (
	Day Precision = iota + 1
	Week
	Month
	Year
)

var precisionNames = [...]string{"", "day", "week", "month", "year"}

// String returns the precision's name.
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return ""
}

// Calendar names, as reported in records.
const (
	Gregorian = "gregorian"
	Hijri     = "hijri"
)

// DateValue is the value of a DATE: the Gregorian days it covers (From to
// To, inclusive) and how it was written.
type DateValue struct {
	// From and To are the first and last day covered, in UTC.
	From, To time.Time
	// Precision of a point value; for a range, the precision of its ends.
	Precision Precision
	// Range is set when the text names a span of time that is not one
	// calendar unit: part of a month («أواخر آذار»), a decade, a Hijri
	// month or year (which do not line up with Gregorian months).
	Range bool
	// Calendar is the calendar the text used (Gregorian or Hijri).
	Calendar string
	// Relative is set when the reference date supplied part of the value
	// (a year, a weekday, «أمس»).
	Relative bool
	// Hijri is the Hijri date as written, at its own precision
	// ("1443-09-15", "1440-01", "1443"); empty for Gregorian dates.
	Hijri string
}

// Point returns the ISO 8601 value of a point date at its precision
// ("2021-10-03", "2022-W29", "2021-10", "2021"); empty for a range.
func (v DateValue) Point() string {
	if v.Range {
		return ""
	}
	return format(v.From, v.Precision)
}

// Ends returns the range's ends at its precision.
func (v DateValue) Ends() (from, to string) {
	return format(v.From, v.Precision), format(v.To, v.Precision)
}

// String returns the point value, or FROM/TO for a range.
func (v DateValue) String() string {
	if v.Range {
		from, to := v.Ends()
		return from + "/" + to
	}
	return v.Point()
}

func format(t time.Time, p Precision) string {
	// By hand: this runs for every DATE, and time.Format is slow.
	var b [10]byte
	y, m, d := t.Date()
	put4(b[:4], y)
	switch p {
	case Day:
		b[4], b[7] = '-', '-'
		put2(b[5:7], int(m))
		put2(b[8:10], d)
		return string(b[:10])
	case Week:
		wy, w := t.ISOWeek()
		put4(b[:4], wy)
		b[4], b[5] = '-', 'W'
		put2(b[6:8], w)
		return string(b[:8])
	case Month:
		b[4] = '-'
		put2(b[5:7], int(m))
		return string(b[:7])
	case Year:
		return string(b[:4])
	}
	return ""
}

// put4 and put2 write a number as 4 or 2 decimal digits (years 0–9999).
func put4(b []byte, n int) {
	n = max(0, min(n, 9999))
	b[0], b[1], b[2], b[3] = byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10)
}

func put2(b []byte, n int) { b[0], b[1] = byte('0'+n/10%10), byte('0'+n%10) }

// date returns midnight UTC of a civil date; out-of-range days roll over
// as time.Date does, so callers check validity first.
func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// daysIn returns the number of days of Gregorian month m of year y.
func daysIn(y, m int) int { return date(y, m+1, 0).Day() }

// validDay reports whether y-m-d is a Gregorian date.
func validDay(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) }

// dayValue is a single day.
func dayValue(t time.Time) DateValue {
	return DateValue{From: t, To: t, Precision: Day, Calendar: Gregorian}
}

// weekValue is the ISO week (Monday to Sunday) holding t.
func weekValue(t time.Time) DateValue {
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	from := t.AddDate(0, 0, -back)
	return DateValue{From: from, To: from.AddDate(0, 0, 6), Precision: Week, Calendar: Gregorian}
}

// monthValue is Gregorian month m of year y.
func monthValue(y, m int) DateValue {
	return DateValue{From: date(y, m, 1), To: date(y, m, daysIn(y, m)), Precision: Month, Calendar: Gregorian}
}

// yearValue is Gregorian year y.
func yearValue(y int) DateValue {
	return DateValue{From: date(y, 1, 1), To: date(y, 12, 31), Precision: Year, Calendar: Gregorian}
}

// partOfMonth narrows a month to its early (days 1–10), mid (11–20) or
// late (21–end) part.
func partOfMonth(v DateValue, part string) DateValue {
	y, m, _ := v.From.Date()
	from, to := 1, 10
	switch part {
	case "mid":
		from, to = 11, 20
	case "late":
		from, to = 21, daysIn(y, int(m))
	}
	v.From, v.To = date(y, int(m), from), date(y, int(m), to)
	v.Precision, v.Range = Day, true
	return v
}

// partOfYear narrows a year to its early (January–April), mid (May–August)
// or late (September–December) part.
func partOfYear(v DateValue, part string) DateValue {
	y := v.From.Year()
	from, to := 1, 4
	switch part {
	case "mid":
		from, to = 5, 8
	case "late":
		from, to = 9, 12
	}
	v.From, v.To = date(y, from, 1), date(y, to, daysIn(y, to))
	v.Precision, v.Range = Month, true
	return v
}

// hijriDay converts a Hijri day.
func hijriDay(y, m, d int) (DateValue, bool) {
	g, err := hijri.ToGregorian(y, m, d)
	if err != nil {
		return DateValue{}, false
	}
	t := date(g.Year, g.Month, g.Day)
	return DateValue{From: t, To: t, Precision: Day, Calendar: Hijri, Hijri: fmt.Sprintf("%04d-%02d-%02d", y, m, d)}, true
}

// hijriMonth is the Gregorian range of a Hijri month.
func hijriMonth(y, m int) (DateValue, bool) {
	first, last, err := hijri.MonthRange(y, m)
	if err != nil {
		return DateValue{}, false
	}
	return DateValue{
		From: date(first.Year, first.Month, first.Day), To: date(last.Year, last.Month, last.Day),
		Precision: Day, Range: true, Calendar: Hijri, Hijri: fmt.Sprintf("%04d-%02d", y, m),
	}, true
}

// hijriYear is the Gregorian range of a Hijri year.
func hijriYear(y int) (DateValue, bool) {
	first, last, err := hijri.YearRange(y)
	if err != nil {
		return DateValue{}, false
	}
	return DateValue{
		From: date(first.Year, first.Month, first.Day), To: date(last.Year, last.Month, last.Day),
		Precision: Day, Range: true, Calendar: Hijri, Hijri: fmt.Sprintf("%04d", y),
	}, true
}

// hijriPart is the early (days 1–10), mid (11–20) or late (21–end) part
// of a Hijri month, as a Gregorian range.
func hijriPart(y, m int, part string) (DateValue, bool) {
	n, err := hijri.MonthLength(y, m)
	if err != nil {
		return DateValue{}, false
	}
	from, to := 1, 10
	switch part {
	case "mid":
		from, to = 11, 20
	case "late":
		from, to = 21, n
	}
	a, errA := hijri.ToGregorian(y, m, from)
	b, errB := hijri.ToGregorian(y, m, to)
	if errA != nil || errB != nil {
		return DateValue{}, false
	}
	return DateValue{
		From: date(a.Year, a.Month, a.Day), To: date(b.Year, b.Month, b.Day),
		Precision: Day, Range: true, Calendar: Hijri, Hijri: fmt.Sprintf("%04d-%02d", y, m),
	}, true
}

// hijriToday returns the Hijri year and month of a Gregorian day.
func hijriToday(t time.Time) (y, m int, ok bool) {
	h, err := hijri.FromGregorian(hijri.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()})
	if err != nil {
		return 0, 0, false
	}
	return h.Year, h.Month, true
}

// nearestYear returns the year, among the reference year and its
// neighbours, that puts month m day d nearest to ref.
func nearestYear(ref time.Time, m, d int) (int, bool) {
	best, bestDist := 0, time.Duration(-1)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDay(y, m, d) {
			continue
		}
		dist := date(y, m, d).Sub(ref)
		if dist < 0 {
			dist = -dist
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best, bestDist >= 0
}

// monthYear returns the year of month m seen from a reference month:
// dir -1 the latest before it, +1 the first after it, 0 the reference
// year, and with noDir the latest on or before it.
func monthYear(refY, refM, m, dir int, noDir bool) int {
	switch {
	case noDir:
		if m <= refM {
			return refY
		}
		return refY - 1
	case dir < 0:
		if m < refM {
			return refY
		}
		return refY - 1
	case dir > 0:
		if m > refM {
			return refY
		}
		return refY + 1
	}
	return refY
}

// weekdayFrom returns the day with ISO weekday wd seen from ref: dir -1
// the latest strictly before, +1 the first strictly after, and 0 the
// latest on or before.
func weekdayFrom(ref time.Time, wd, dir int) time.Time {
	cur := (int(ref.Weekday())+6)%7 + 1 // ISO weekday of ref
	switch {
	case dir > 0:
		ahead := (wd - cur + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		return ref.AddDate(0, 0, ahead)
	case dir < 0:
		back := (cur - wd + 7) % 7
		if back == 0 {
			back = 7
		}
		return ref.AddDate(0, 0, -back)
	}
	return ref.AddDate(0, 0, -((cur - wd + 7) % 7))
}

// nearestWeekday returns the day with ISO weekday wd nearest to t (t
// itself if it is one; three days either way at most).
func nearestWeekday(t time.Time, wd int) time.Time {
	cur := (int(t.Weekday())+6)%7 + 1
	d := (wd - cur + 7) % 7 // days ahead, 0..6
	if d > 3 {
		d -= 7
	}
	return t.AddDate(0, 0, d)
}

// shift moves ref by n units and returns the value at the unit's
// precision.
func shift(ref time.Time, unit string, n int) DateValue {
	switch unit {
	case "day":
		return dayValue(ref.AddDate(0, 0, n))
	case "week":
		return weekValue(ref.AddDate(0, 0, 7*n))
	case "month":
		t := date(ref.Year(), int(ref.Month())+n, 1)
		return monthValue(t.Year(), int(t.Month()))
	default:
		return yearValue(ref.Year() + n)
	}
}
