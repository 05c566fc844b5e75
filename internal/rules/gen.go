package rules

//go:generate go run ./internal/calgen -src ../../../shared/gazetteer-sources/cldr-ar-calendar -variants src/calendar-variants.tsv -out calendar.tsv
