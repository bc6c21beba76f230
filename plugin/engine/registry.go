package engine

import (
	"sort"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/kopeck/kopeck/plugin/settings"
)

// providers holds the provider packages by settings name.
var providers = map[string]provider.Provider{}

// sourceMapper maps a non-generic source document (and an optional refund
// document) into a canonical order; problems go into order.P.
type sourceMapper func(order, refund jsonin.Obj, s settings.Settings) receipt.Order

// sources holds the mappings besides "generic".
var sources = map[string]sourceMapper{}

func providerNames() []string {
	names := make([]string, 0, len(providers))
	for n := range providers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func sourceNames() []string {
	names := []string{"generic"}
	for n := range sources {
		names = append(names, n)
	}
	sort.Strings(names[1:])
	return names
}
