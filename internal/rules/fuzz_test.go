package rules

import (
	"fmt"
	"regexp"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

var (
	pointValue = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$`)
	rangeValue = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?/\d{4}(-\d{2}(-\d{2})?)?$`)
	hijriValue = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// FuzzFind runs the rules (dates first) over any text and reference date:
// they never panic, spans are ordered, inside the text and do not
// overlap, and every value is well formed: an ISO 8601 point or range
// whose first day is not after its last.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"3 من تشرين الأول 2021", "الثالث من أكتوبر/تشرين الأول 2021", "أواخر آذار الماضي",
		"15 رمضان 1443 هـ", "محرم 1440", "٠٣/١٠/٢٠٢١", "3 / 2 / 1440 هـ", "2021/13/45",
		"اليوم، الثلاثاء", "يوم الجمعة الماضي", "منذ ثلاثة أيام", "قبل أسبوعين", "تسعينيات القرن الماضي",
		"29 شباط 2023", "31 نيسان", "30 ذو الحجة 1443 هـ", "عام 99999", "منذ 999999999999 يوما",
		"13 قتيلًا و200 قطعة سلاح", "خمسة وعشرون ألفا ومئتان", "1.5 مليون", "24,5 مليون", "١٫٥ مليون شخص",
		"الفرقة التاسعة", "فرع “أمن الدولة”", "قرية “", "مخيم عين", "«", "مطلع 2018", "منتصف شعبان 1443",
	} {
		f.Add(s, int32(8000))
	}
	fx := newFixture(f)
	f.Fuzz(func(t *testing.T, text string, days int32) {
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				panic(fmt.Sprintf("HANG %q %d", text, days))
			}
		}()
		ref := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days)%40000)
		var m normalize.Mapped
		fx.norm.AppendMapped(&m, []byte(text), 0)
		toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
		var ts ner.Scratch
		mentions := fx.tagger.Tag(nil, &ts, m.Text, toks)
		var s Scratch
		check := func(spans []Span) {
			prev := int32(-1)
			for _, sp := range spans {
				require.LessOrEqual(t, sp.FirstToken, sp.LastToken)
				require.Less(t, sp.LastToken, len(toks))
				require.True(t, 0 <= sp.Start && sp.Start < sp.End && int(sp.End) <= len(m.Text), "%+v", sp)
				require.True(t, sp.RuneStart < sp.RuneEnd && int(sp.RuneEnd) <= m.Len(), "%+v", sp)
				require.True(t, utf8.Valid(m.Text[sp.Start:sp.End]))
				require.GreaterOrEqual(t, sp.RuneStart, prev, "spans in order without overlap")
				prev = sp.RuneEnd
				switch sp.Type {
				case TypeDate:
					require.NotNil(t, sp.Date)
					v := sp.Date
					require.False(t, v.To.Before(v.From), "%s: %v after %v", sp.Rule, v.From, v.To)
					if v.Range {
						require.Regexp(t, rangeValue, v.String())
					} else {
						require.Regexp(t, pointValue, v.String())
					}
					require.Contains(t, []string{Gregorian, Hijri}, v.Calendar)
					if v.Hijri != "" {
						require.Regexp(t, hijriValue, v.Hijri)
					}
				case TypeQuantity:
					require.NotNil(t, sp.Number)
					require.GreaterOrEqual(t, sp.Number.Value, int64(0))
				case TypeOrg, TypePlace:
				default:
					t.Fatalf("type %q", sp.Type)
				}
			}
		}
		check(fx.rules.Find(nil, &s, m.Text, toks, mentions, ref))
		check(fx.rules.Numbers(nil, &s, m.Text, toks))
	})
}
