package itkassa

import "github.com/kopeck/kopeck/plugin/provider"

// Name is the provider's settings name.
const Name = "itkassa"

type itkassa struct{}

// New returns the ITKassa provider.
func New() provider.Provider { return itkassa{} }

// Name returns "itkassa".
func (itkassa) Name() string { return Name }
