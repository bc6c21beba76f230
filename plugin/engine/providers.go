package engine

import (
	"github.com/kopeck/kopeck/mapping/wordpress"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/itkassa"
	"github.com/kopeck/kopeck/plugin/provider/kassavonline"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
)

func init() {
	for _, p := range []provider.Provider{nanokassa.New(), kassavonline.New(), itkassa.New()} {
		providers[p.Name()] = p
	}
	sources["woocommerce"] = wordpress.FromObj
}
