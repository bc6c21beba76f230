package main

import (
	"strings"
	"testing"
)

func TestRedactorHidesCredentialSections(t *testing.T) {
	settings := `{"provider":"itkassa","tax_system":"usn_income",
		"itkassa":{"api_key":"key-AAAA-1111","nested":{"list":["pw-in-a-list"]},"port":123456},
		"nanokassa":{"kassatoken":"tok-BBBB","kassatoken_long":"tok-BBBB-and-more"},
		"woocommerce":{"consumer_secret":"cs_CCCC"}}`
	r := newRedactor([]byte(settings), "bearer-DDDD")
	msg := "failed with key-AAAA-1111, tok-BBBB-and-more, tok-BBBB, pw-in-a-list, 123456, cs_CCCC, bearer-DDDD; tax usn_income"
	got := r.String(msg)
	for _, secret := range []string{"key-AAAA", "tok-BBBB", "pw-in-a-list", "123456", "cs_CCCC", "bearer-DDDD", "and-more"} {
		if strings.Contains(got, secret) {
			t.Errorf("%q left in %q", secret, got)
		}
	}
	// Settings outside the credential sections are not secrets.
	if !strings.Contains(got, "usn_income") || strings.Count(got, "[redacted]") != 7 {
		t.Errorf("redacted too much or too little: %q", got)
	}
}

func TestRedactorWithoutSecrets(t *testing.T) {
	r := newRedactor([]byte(`not json`), "", "abc")
	if got := r.String("abc def"); got != "abc def" {
		t.Errorf("short or empty values must not be redacted: %q", got)
	}
	var zero redactor
	if zero.String("x") != "x" {
		t.Error("zero redactor changed text")
	}
}
