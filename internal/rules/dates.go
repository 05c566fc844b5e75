package rules

import (
	"bytes"
	"time"

	"github.com/khabar-ie/khabar/internal/segment"
)

// The date rules. Each rule tries to read a date starting at a token and
// returns the last token it used; date keeps the longest reading. The
// rules, in the order tried:
//
//	weekday      [يوم] weekday [،] [الموافق] explicit-date | weekday [direction] | weekday
//	explicit     day [من] month[/month] [[من] [عام] year [era]] | … [direction]
//	month-year   month[/month] [من] [عام] year [era] | month day [،] year
//	relative     اليوم، أمس، الأسبوع الماضي… [،] [weekday]
//	part         أواخر|مطلع|منتصف month [year|direction] | … year | … الشهر الجاري
//	year         عام year [era] | year era | (preposition) year
//	ago          منذ|قبل [number] unit
//	decade       التسعينيات [القرن الماضي]
//	numeric      2021/10/03, 03/10/2021, 3-10-2021, 3.10.2021
//	month        شهر month | month direction | (preposition) month

// weekdayRule names the rule of a date read after its weekday.
var weekdayRule = map[string]string{
	"rule:date:day-month-year": "rule:date:weekday-day-month-year",
	"rule:date:day-month":      "rule:date:weekday-day-month",
	"rule:date:numeric":        "rule:date:weekday-numeric",
}

// reading is one way to read a date at a token.
type reading struct {
	last int
	v    DateValue
	rule string
}

// date reads the longest date starting at token i.
func (p *parser) date(i int) (Span, bool) {
	var best reading
	best.last = -1
	try := func(r reading, ok bool) {
		if ok && r.last > best.last {
			best = r
		}
	}
	switch p.toks[i].Kind {
	case segment.Number:
		try(p.explicit(i))
		try(p.numeric(i))
		try(p.year(i))
	case segment.Word:
		// Only the rules whose first word is there.
		m := p.s.mask[i]
		has := func(ks ...kind) bool {
			for _, k := range ks {
				if m&(1<<k) != 0 {
					return true
				}
			}
			return false
		}
		if has(kDay, kWeekday) {
			try(p.weekday(i))
		}
		if has(kOrdinal, kFirstDay) {
			try(p.explicit(i))
		}
		if has(kMonth, kMonthCue) {
			try(p.monthYear(i))
			try(p.month(i))
		}
		if has(kRelative, kDay) {
			try(p.relative(i))
		}
		if has(kPart) {
			try(p.part(i))
		}
		if has(kYearCue) {
			try(p.year(i))
		}
		if has(kAgo) {
			try(p.ago(i))
		}
		if has(kDecade) {
			try(p.decade(i))
		}
	default:
		return Span{}, false
	}
	if best.last < 0 {
		return Span{}, false
	}
	sp := p.span(i, best.last, p.nameStart(i), TypeDate, best.rule)
	v := best.v
	sp.Date = &v
	return sp, true
}

// dayAt reads a day of the month: 1–31 in digits, an ordinal
// («الثالث»، «الخامس والعشرين»), or «غرة»/«أول» (the first).
func (p *parser) dayAt(i int, first bool) (last, day int, ok bool) {
	if v, n, ok := p.digits(i); ok && n <= 2 && v >= 1 && v <= 31 {
		return i, int(v), true
	}
	get := p.inner
	if first {
		get = p.get
	}
	if h := get(i, kFirstDay); h != nil {
		return h.last, 1, true
	}
	if last, n, ok := p.ordinal(i, first); ok && n >= 1 && n <= 31 {
		return last, int(n), true
	}
	return 0, 0, false
}

// monthAt reads a month name, in one system or two («أكتوبر/تشرين الأول»,
// «تشرين الأول (أكتوبر)»).
func (p *parser) monthAt(i int, first bool) (last int, h *hit, ok bool) {
	get := p.inner
	if first {
		get = p.get
	}
	// «شهر حزيران»: the noun is part of the span.
	if c := get(i, kMonthCue); c != nil {
		i, get = c.last+1, p.inner
	}
	h = get(i, kMonth)
	if h == nil {
		return 0, nil, false
	}
	last = h.last
	// The same month in a second system: «أكتوبر/تشرين الأول»,
	// «تشرين الأول (أكتوبر)», «نوفمبر تشرين الثاني».
	k := last + 1
	if p.isPunct(k, "/", "(", "-", "،", ",") {
		k++
	}
	if h2 := p.inner(k, kMonth); h2 != nil && h2.w.value == h.w.value && h2.w.key == h.w.key {
		last = h2.last
		if p.isPunct(last+1, ")") {
			last++
		}
	}
	return last, h, true
}

// yearAt reads a year after a month or a cue: [من] [عام|سنة] year [era].
// The year is Hijri when hijri is set or an era mark says so.
func (p *parser) yearAt(i int, hijri bool) (last, y int, isHijri, ok bool) {
	j := i
	if p.inner(j, kOf) != nil && p.isKind(j+1, segment.Word) {
		j++
	}
	if h := p.inner(j, kYearCue); h != nil {
		j = h.last + 1
	}
	v, n, ok := p.digits(j)
	if !ok || n != 4 {
		return 0, 0, false, false
	}
	return p.yearEra(j, v, hijri)
}

// relativeYear reads «من العام الماضي» after a month: the year the
// reference date gives.
func (p *parser) relativeYear(i int) (last, y int, ok bool) {
	j := i
	if p.inner(j, kOf) != nil {
		j++
	}
	if h := p.inner(j, kRelative); h != nil && h.w.key == "year" {
		return h.last, p.ref.Year() + h.w.value, true
	}
	return 0, 0, false
}

// yearEra finishes a year read at token j with value v: an era mark may
// follow, and the value must fit the calendar.
func (p *parser) yearEra(j int, v int64, hijri bool) (last, y int, isHijri, ok bool) {
	last = j
	isHijri = hijri
	if h := p.inner(j+1, kEra); h != nil {
		last = h.last
		isHijri = h.w.key == Hijri
	}
	if isHijri && (v < 1200 || v > 1600) || !isHijri && (v < 1000 || v > 2200) {
		return 0, 0, false, false
	}
	return last, int(v), isHijri, true
}

// explicit reads day [من] month [year | direction].
func (p *parser) explicit(i int) (reading, bool) {
	j, day, ok := p.dayAt(i, true)
	if !ok {
		return reading{}, false
	}
	k := j + 1
	of := p.inner(k, kOf) != nil
	if of {
		k++
	}
	// «الثالث من الشهر الجاري»: a day of a relative month.
	if h := p.inner(k, kRelative); of && h != nil && h.w.key == "month" {
		mv := shift(p.ref, "month", h.w.value)
		y, m, _ := mv.From.Date()
		if !validDay(y, int(m), day) {
			return reading{}, false
		}
		v := dayValue(date(y, int(m), day))
		v.Relative = true
		return reading{h.last, v, "rule:date:day-month"}, true
	}
	last, mh, ok := p.monthAt(k, false)
	if !ok {
		return reading{}, false
	}
	m := mh.w.value
	hijri := mh.w.key == Hijri
	if yl, y, isHijri, ok := p.yearAt(last+1, hijri); ok {
		var v DateValue
		if isHijri {
			if v, ok = hijriDay(y, m, day); !ok {
				return reading{}, false
			}
		} else {
			if hijri || !validDay(y, m, day) {
				return reading{}, false
			}
			v = dayValue(date(y, m, day))
		}
		return reading{yl, v, "rule:date:day-month-year"}, true
	}
	if yl, y, ok := p.relativeYear(last + 1); ok && !hijri {
		if !validDay(y, m, day) {
			return reading{}, false
		}
		v := dayValue(date(y, m, day))
		v.Relative = true
		return reading{yl, v, "rule:date:day-month"}, true
	}
	// «قوى 14 آذار», «مدينة 6 أكتوبر»: a day and month without a year
	// after such nouns name something.
	if p.afterNotDate(i) {
		return reading{}, false
	}
	// No year: the direction word or the nearest occurrence.
	if hijri {
		v, ok := p.hijriNearest(m, day)
		return reading{last, v, "rule:date:day-month"}, ok
	}
	var y int
	if d := p.inner(last+1, kDirection); d != nil {
		y, last = monthYear(p.ref.Year(), int(p.ref.Month()), m, d.w.value, false), d.last
	} else {
		if y, ok = nearestYear(p.ref, m, day); !ok {
			return reading{}, false
		}
	}
	if !validDay(y, m, day) {
		return reading{}, false
	}
	v := dayValue(date(y, m, day))
	v.Relative = true
	return reading{last, v, "rule:date:day-month"}, true
}

// afterNotDate reports a noun before token i, across an opening quote,
// that makes what follows a name («قوى 14 آذار», «فريق “14 آذار”»).
func (p *parser) afterNotDate(i int) bool {
	k := i - 1
	if p.isKind(k, segment.Punct) && isOpenQuote(p.word(k)) {
		k--
	}
	h := p.get(k, kNotDate)
	return h != nil && h.last == k
}

// hijriNearest resolves a Hijri day and month without a year to the
// occurrence nearest the reference date.
func (p *parser) hijriNearest(m, day int) (DateValue, bool) {
	hy, _, ok := hijriToday(p.ref)
	if !ok {
		return DateValue{}, false
	}
	var best DateValue
	bestDist := time.Duration(-1)
	for y := hy - 1; y <= hy+1; y++ {
		v, ok := hijriDay(y, m, day)
		if !ok {
			continue
		}
		dist := v.From.Sub(p.ref)
		if dist < 0 {
			dist = -dist
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = v, dist
		}
	}
	best.Relative = true
	return best, bestDist >= 0
}

// monthYear reads month [من] [عام] year.
func (p *parser) monthYear(i int) (reading, bool) {
	last, mh, ok := p.monthAt(i, true)
	if !ok {
		return reading{}, false
	}
	// Month first, as some translated copy writes it: «أكتوبر 3، 2021».
	if d, n, ok := p.digits(last + 1); ok && n <= 2 && d >= 1 && d <= 31 && mh.w.key == Gregorian {
		k := last + 2
		if p.isPunct(k, "،", ",") {
			k++
		}
		if yl, y, isHijri, ok := p.yearAt(k, false); ok && !isHijri && validDay(y, mh.w.value, int(d)) {
			return reading{yl, dayValue(date(y, mh.w.value, int(d))), "rule:date:month-day-year"}, true
		}
	}
	yl, y, isHijri, ok := p.yearAt(last+1, mh.w.key == Hijri)
	if !ok {
		if yl, y, ok := p.relativeYear(last + 1); ok && mh.w.key == Gregorian {
			v := monthValue(y, mh.w.value)
			v.Relative = true
			return reading{yl, v, "rule:date:month-year"}, true
		}
		return reading{}, false
	}
	if isHijri {
		if mh.w.key != Hijri {
			return reading{}, false
		}
		v, ok := hijriMonth(y, mh.w.value)
		return reading{yl, v, "rule:date:month-year"}, ok
	}
	if mh.w.key == Hijri {
		return reading{}, false
	}
	return reading{yl, monthValue(y, mh.w.value), "rule:date:month-year"}, true
}

// weekday reads [يوم] weekday, with a date or direction after it.
func (p *parser) weekday(i int) (reading, bool) {
	j := i
	dayNoun := false
	if h := p.get(i, kDay); h != nil {
		j, dayNoun = i+1, true
	}
	var wh *hit
	if dayNoun {
		wh = p.inner(j, kWeekday)
	} else {
		wh = p.get(j, kWeekday)
	}
	if wh == nil {
		return reading{}, false
	}
	last := wh.last
	// A date after it: «الثلاثاء 3 تشرين الأول 2021», «الخميس الموافق …».
	k := last + 1
	if p.isPunct(k, "،", ",") {
		k++
	}
	if p.inner(k, kConcord) != nil {
		k++
	}
	if k < len(p.toks) {
		if r, ok := p.explicit(k); ok {
			r.rule = weekdayRule[r.rule]
			return r, true
		}
		if r, ok := p.numeric(k); ok {
			r.rule = weekdayRule[r.rule]
			return r, true
		}
	}
	dir := 0
	if d := p.inner(last+1, kDirection); d != nil {
		dir, last = d.w.value, d.last
	} else if !dayNoun && !p.bareWeekdayFits(i, wh.last) {
		return reading{}, false
	} else if p.futureBefore(i) {
		dir = 1 // «من المقرر أن … السبت»: the coming one
	}
	v := dayValue(weekdayFrom(p.ref, wh.w.value, dir))
	v.Relative = true
	return reading{last, v, "rule:date:weekday"}, true
}

// futureLook is how many tokens before a weekday a future cue is looked
// for.
const futureLook = 12

// futureBefore reports a word announcing the future («من المقرر»,
// «يتوقع», «سيعقد») in the tokens shortly before token i: a weekday
// there is the coming one, not the last.
func (p *parser) futureBefore(i int) bool {
	for k := max(0, i-futureLook); k < i; k++ {
		if p.isKind(k, segment.Punct) && p.isPunct(k, ".", "!", "?", "؟") {
			continue
		}
		if p.s.mask[k]&(1<<kFuture) != 0 {
			return true
		}
	}
	return false
}

// bareWeekdayFits reports whether a weekday without «يوم» or a direction
// word stands as a date: not in «صلاة الجمعة», and not «الاثنين» or
// «الأحد» as a numeral («الطرفين الاثنين»).
func (p *parser) bareWeekdayFits(i, last int) bool {
	if h := p.get(i-1, kNotWeekday); h != nil && h.last == i-1 {
		return false
	}
	// A weekday between two words with nothing date-like around it is
	// still a date in news («قال الثلاثاء إن…»); only a number word after
	// it («الأحد عشر») makes it something else.
	if p.inner(last+1, kNumTen) != nil {
		return false
	}
	// «الزوجين الاثنين»: الاثنين after a definite dual or plural is "the
	// two".
	if wh := p.get(i, kWeekday); wh != nil && wh.w.value == 1 {
		if w := p.word(i - 1); p.isKind(i-1, segment.Word) && bytes.HasPrefix(w, []byte("ال")) &&
			(bytes.HasSuffix(w, []byte("ين")) || bytes.HasSuffix(w, []byte("ان"))) {
			return false
		}
	}
	return true
}

// relative reads a relative day, week, month or year («أمس»، «الأسبوع
// الماضي»), with the weekday that may follow a day («اليوم، الثلاثاء»).
func (p *parser) relative(i int) (reading, bool) {
	h := p.get(i, kRelative)
	if d := p.get(i, kDay); d != nil && h == nil {
		// «يوم أمس»: the noun is part of the span.
		if h = p.inner(i+1, kRelative); h == nil || h.w.key != "day" || h.w.value == 0 {
			return reading{}, false
		}
		i = h.first
	}
	if h == nil {
		return reading{}, false
	}
	last := h.last
	if h.w.key == "day" && h.w.value == 0 && h.last == i {
		// «اليوم» followed by a definite word is "the day" («اليوم
		// التالي», «اليوم العالمي»), unless that word is a weekday.
		if next := p.word(last + 1); p.isKind(last+1, segment.Word) && bytes.HasPrefix(next, []byte("ال")) && p.inner(last+1, kWeekday) == nil {
			return reading{}, false
		}
	}
	if h.w.key == "day" && h.w.value <= 0 && h.last == i {
		// «تلك الليلة», «روسيا اليوم» (the channel).
		if nd := p.get(i-1, kNotDate); nd != nil && nd.last == i-1 {
			return reading{}, false
		}
		if p.afterMediaName(i) {
			return reading{}, false
		}
	}
	if h.w.key == "day" && p.inner(h.last+1, kSameDay) != nil {
		return reading{}, false // «اليوم ذاته»: the same day as the one just told
	}
	v := shift(p.ref, h.w.key, h.w.value)
	v.Relative = true
	if h.w.key == "day" {
		// «اليوم، الثلاثاء», «أمس (الأحد)»: one date. Where the two
		// disagree (an article dated the day after it was written), the
		// weekday written wins: its day nearest the relative one.
		k := last + 1
		paren := p.isPunct(k, "(")
		if paren || p.isPunct(k, "،", ",") {
			k++
		}
		if wh := p.inner(k, kWeekday); wh != nil {
			last = wh.last
			if paren && p.isPunct(last+1, ")") {
				last++
			}
			v = dayValue(nearestWeekday(v.From, wh.w.value))
			v.Relative = true
		}
	}
	return reading{last, v, "rule:date:relative"}, true
}

// part reads a part of a month or year: «أواخر آذار الماضي», «مطلع 2018»,
// «منتصف الشهر الجاري».
func (p *parser) part(i int) (reading, bool) {
	ph := p.get(i, kPart)
	if ph == nil {
		return reading{}, false
	}
	j := ph.last + 1
	if h := p.inner(j, kRelative); h != nil && (h.w.key == "month" || h.w.key == "year") {
		v := shift(p.ref, h.w.key, h.w.value)
		if h.w.key == "month" {
			v = partOfMonth(v, ph.w.key)
		} else {
			v = partOfYear(v, ph.w.key)
		}
		v.Relative = true
		return reading{h.last, v, "rule:date:part"}, true
	}
	if last, mh, ok := p.monthAt(j, false); ok && mh.w.key == Hijri {
		yl, y, isHijri, ok := p.yearAt(last+1, true)
		if !ok || !isHijri {
			return reading{}, false
		}
		v, ok := hijriPart(y, mh.w.value, ph.w.key)
		return reading{yl, v, "rule:date:part"}, ok
	}
	if last, mh, ok := p.monthAt(j, false); ok && mh.w.key == Gregorian {
		if yl, y, isHijri, ok := p.yearAt(last+1, false); ok && !isHijri {
			return reading{yl, partOfMonth(monthValue(y, mh.w.value), ph.w.key), "rule:date:part"}, true
		}
		dir, noDir := 0, true
		if d := p.inner(last+1, kDirection); d != nil {
			dir, noDir, last = d.w.value, false, d.last
		}
		y := monthYear(p.ref.Year(), int(p.ref.Month()), mh.w.value, dir, noDir)
		v := partOfMonth(monthValue(y, mh.w.value), ph.w.key)
		v.Relative = true
		return reading{last, v, "rule:date:part"}, true
	}
	if yl, y, isHijri, ok := p.yearAt(j, false); ok && !isHijri {
		return reading{yl, partOfYear(yearValue(y), ph.w.key), "rule:date:part"}, true
	}
	return reading{}, false
}

// year reads «عام 2021», «2011م», «1443 هـ», or a bare year after a
// preposition («في 2011»: the preposition stays outside).
func (p *parser) year(i int) (reading, bool) {
	j := i
	cue := false
	if h := p.get(i, kYearCue); h != nil {
		j, cue = h.last+1, true
	}
	v, n, ok := p.digits(j)
	if !ok || n != 4 {
		return reading{}, false
	}
	last := j
	era := ""
	if h := p.inner(j+1, kEra); h != nil {
		last, era = h.last, h.w.key
	}
	if era == Hijri {
		if v < 1200 || v > 1600 {
			return reading{}, false
		}
		val, ok := hijriYear(int(v))
		return reading{last, val, "rule:date:year"}, ok
	}
	if !cue && era == "" {
		// A bare year needs a preposition before it and must look like
		// a year of the news, not a count («في 2011» but not «2011
		// شخصًا»).
		if v < 1900 || v > 2100 || p.get(i-1, kYearPrep) == nil || p.get(i+1, kCounted) != nil {
			return reading{}, false
		}
	}
	if v < 1000 || v > 2200 {
		return reading{}, false
	}
	return reading{last, yearValue(int(v)), "rule:date:year"}, true
}

// ago reads «منذ ثلاثة أيام», «قبل يومين», «منذ 15 يومًا».
func (p *parser) ago(i int) (reading, bool) {
	ah := p.get(i, kAgo)
	if ah == nil {
		return reading{}, false
	}
	j := ah.last + 1
	count := int64(0)
	if last, n, ok := p.cardinal(j, false); ok {
		count, j = n.Value, last+1
	}
	uh := p.inner(j, kUnit)
	if uh == nil {
		return reading{}, false
	}
	switch {
	case count == 0 && uh.w.value == 0:
		return reading{}, false // «منذ أيام»: no number
	case count == 0:
		count = int64(uh.w.value)
	case uh.w.value == 2 || (uh.w.value == 1 && count > 2 && count < 11):
		return reading{}, false // «ثلاثة يومين», «ثلاثة عام»: not a count
	}
	// «قبل عام 2011» is a year; «قبل يومين من الانتخابات» counts from
	// the elections, not from the reference date.
	if p.isKind(uh.last+1, segment.Number) || p.inner(uh.last+1, kOf) != nil || p.inner(uh.last+1, kWeekday) != nil {
		return reading{}, false // «قبل يوم الاثنين»: before Monday
	}
	if count > 1000 {
		return reading{}, false
	}
	v := shift(p.ref, uh.w.key, -int(count))
	v.Relative = true
	return reading{uh.last, v, "rule:date:ago"}, true
}

// decade reads «التسعينيات» and «تسعينيات القرن الماضي».
func (p *parser) decade(i int) (reading, bool) {
	h := p.get(i, kDecade)
	if h == nil {
		return reading{}, false
	}
	century, last := 1900, h.last
	k := h.last + 1
	if p.inner(k, kOf) != nil {
		// «الخمسينات من عمره» is an age.
		if w := p.word(k + 1); bytes.HasPrefix(w, []byte("عمر")) {
			return reading{}, false
		}
		k++
	}
	if c := p.inner(k, kCentury); c != nil {
		last = c.last
		century = c.w.value
		if c.w.value < 0 {
			century = (p.ref.Year()/100 - 1) * 100
		}
	} else if h.w.key == "bare" {
		return reading{}, false
	}
	y := century + h.w.value
	v := DateValue{From: date(y, 1, 1), To: date(y+9, 12, 31), Precision: Year, Range: true, Calendar: Gregorian}
	return reading{last, v, "rule:date:decade"}, true
}

// numeric reads a date written in digits: 2021/10/03 (year first),
// 03/10/2021 (day first, the Arabic press default), 10/25/2021 when only
// month first makes a date; one token or spaced out («3 / 2 / 1440»); a
// Hijri era mark after it makes it a Hijri date («1439/12/4هـ»).
func (p *parser) numeric(i int) (reading, bool) {
	var f [3]int64
	var nd [3]int
	n, last := 0, i
	if _, _, plain := p.digits(i); plain && p.isPunct(i+1, "/", "-", ".") {
		// Spaced out: three number tokens between two separators.
		sep := string(p.word(i + 1))
		for k := 0; k < 3; k++ {
			j := i + 2*k
			v, digits, ok := p.digits(j)
			if !ok || k < 2 && !p.isPunct(j+1, sep) {
				return reading{}, false
			}
			f[k], nd[k], last = v, digits, j
		}
		n = 3
	} else {
		if !p.isKind(i, segment.Number) {
			return reading{}, false
		}
		w := p.word(i)
		sep := byte(0)
		for start, k := 0, 0; k <= len(w); k++ {
			if k < len(w) && w[k] != '/' && w[k] != '-' && w[k] != '.' {
				continue
			}
			if n == 3 || k == start {
				return reading{}, false
			}
			if k < len(w) {
				if sep == 0 {
					sep = w[k]
				} else if w[k] != sep {
					return reading{}, false
				}
			}
			v, digits, ok := digitValue(w[start:k])
			if !ok {
				return reading{}, false
			}
			f[n], nd[n] = v, digits
			n++
			start = k + 1
		}
	}
	if n != 3 {
		return reading{}, false
	}
	var y, m, d int
	switch {
	case nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2:
		y, m, d = int(f[0]), int(f[1]), int(f[2])
	case nd[2] == 4 && nd[0] <= 2 && nd[1] <= 2:
		y, m, d = int(f[2]), int(f[1]), int(f[0])
		if m > 12 && d <= 12 {
			m, d = d, m
		}
	default:
		return reading{}, false
	}
	if h := p.inner(last+1, kEra); h != nil {
		if h.w.key == Hijri {
			v, ok := hijriDay(y, m, d)
			return reading{h.last, v, "rule:date:numeric"}, ok && y >= 1200 && y <= 1600
		}
		last = h.last
	}
	if y < 1900 || y > 2100 || !validDay(y, m, d) {
		return reading{}, false
	}
	return reading{last, dayValue(date(y, m, d)), "rule:date:numeric"}, true
}

// afterMediaName reports whether token i follows a name that a media head
// noun opens («قناة روسيا اليوم»): «اليوم» is then part of a channel's
// name, not a date.
func (p *parser) afterMediaName(i int) bool {
	for k := range p.mentions {
		m := &p.mentions[k]
		if m.LastToken != i-1 {
			continue
		}
		h := p.get(m.FirstToken-1, kOrgHead)
		return h != nil && h.w.key == "media"
	}
	return false
}

// month reads a month without a day or year: «شهر رمضان», «آذار
// الماضي», or after a preposition («في حزيران»: the preposition stays
// outside; never for ambiguous names such as مارس).
func (p *parser) month(i int) (reading, bool) {
	j := i
	cue := false
	if h := p.get(i, kMonthCue); h != nil {
		j, cue = h.last+1, true
	}
	var last int
	var mh *hit
	var ok bool
	if cue {
		last, mh, ok = p.monthAt(j, false)
	} else {
		last, mh, ok = p.monthAt(j, true)
	}
	if !ok {
		return reading{}, false
	}
	dir, noDir := 0, true
	if d := p.inner(last+1, kDirection); d != nil {
		dir, noDir, last = d.w.value, false, d.last
	} else if !cue && (mh.w.ambiguous || mh.clitic && mh.nameStart > 0 && !p.prepClitic(i) || !mh.clitic && p.get(i-1, kYearPrep) == nil) {
		return reading{}, false
	}
	if mh.w.key == Hijri {
		hy, hm, ok := hijriToday(p.ref)
		if !ok {
			return reading{}, false
		}
		v, ok := hijriMonth(monthYear(hy, hm, mh.w.value, dir, noDir), mh.w.value)
		v.Relative = true
		return reading{last, v, "rule:date:month"}, ok
	}
	v := monthValue(monthYear(p.ref.Year(), int(p.ref.Month()), mh.w.value, dir, noDir), mh.w.value)
	v.Relative = true
	return reading{last, v, "rule:date:month"}, true
}

// prepClitic reports whether token i carries the preposition ب or ل
// («بحزيران»), which lets a month stand alone like «في».
func (p *parser) prepClitic(i int) bool {
	w := p.word(i)
	return bytes.HasPrefix(w, []byte("ب")) || bytes.HasPrefix(w, []byte("وب")) || bytes.HasPrefix(w, []byte("ل"))
}
