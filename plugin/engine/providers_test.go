package engine

import (
	simit "github.com/kopeck/kopeck/internal/sim/itkassa"
	simkv "github.com/kopeck/kopeck/internal/sim/kassavonline"
	simnk "github.com/kopeck/kopeck/internal/sim/nanokassa"
)

func init() {
	payloadCheckers["nanokassa"] = simnk.Check
	payloadCheckers["kassavonline"] = simkv.Check
	payloadCheckers["itkassa"] = simit.Check
}
