package web

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// Site settings: the name per language, the languages and their order, and
// how Arabic dates and numbers are written.

// siteKnownLangs are the languages lang.Lookup knows, in the order the
// settings page offers those the site does not use yet.
var siteKnownLangs = []string{"ar", "ru", "en", "fr", "de", "es", "tr", "fa", "ur", "he"}

// siteLangChoice is one row of the languages table.
type siteLangChoice struct {
	lang.Language
	On        bool
	Order     int
	Interface bool // the newsroom and the site's buttons are translated into it
}

// siteSettingsData is the settings form: the settings as stored or typed.
type siteSettingsData struct {
	S     khabar.Settings
	Langs []siteLangChoice
	Zones []string
}

// siteZones are suggestions for the time zone field; any IANA name works.
var siteZones = []string{"UTC", "Africa/Cairo", "Asia/Beirut", "Asia/Damascus", "Asia/Baghdad", "Asia/Riyadh",
	"Asia/Dubai", "Asia/Amman", "Africa/Casablanca", "Europe/Moscow", "Europe/London", "Europe/Berlin", "America/New_York"}

// siteSettingsData lists the site's languages first, in their order, then
// the others Khabar knows.
func (s *Server) siteSettingsData(st khabar.Settings) siteSettingsData {
	d := siteSettingsData{S: st, Zones: siteZones}
	order := slices.Clone(st.Languages)
	for _, t := range siteKnownLangs {
		if !slices.Contains(order, t) {
			order = append(order, t)
		}
	}
	for i, t := range order {
		l, ok := lang.Lookup(t)
		if !ok {
			continue
		}
		d.Langs = append(d.Langs, siteLangChoice{Language: l, On: st.HasLang(t), Order: i + 1, Interface: s.cat.Has(t)})
	}
	return d
}

func (s *Server) siteSettings(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.settings", "settings")
	if err != nil {
		return err
	}
	v.Data = s.siteSettingsData(v.Settings)
	return s.renderAdmin(w, http.StatusOK, "site_settings", v)
}

// siteSettingsForm reads the settings form over the saved settings.
func siteSettingsForm(r *http.Request, old khabar.Settings) khabar.Settings {
	_ = r.ParseForm()
	st := old
	st.SiteName = siteTexts(r, "site_name", siteKnownLangs, old.SiteName)
	st.Tagline = siteTexts(r, "tagline", siteKnownLangs, old.Tagline)
	type choice struct {
		tag   string
		order int
	}
	var chosen []choice
	for i, t := range siteKnownLangs {
		if !slices.Contains(r.PostForm["languages"], t) {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("order." + t)))
		if err != nil {
			n = 1000 + i // no number: after the numbered ones
		}
		chosen = append(chosen, choice{t, n})
	}
	sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].order < chosen[j].order })
	st.Languages = nil
	for _, c := range chosen {
		st.Languages = append(st.Languages, c.tag)
	}
	st.DefaultLang = r.PostFormValue("default_lang")
	st.ArabicDigits = r.PostFormValue("arabic_digits")
	st.ArabicMonths = r.PostFormValue("arabic_months")
	st.HijriLangs = nil
	for _, l := range st.Languages {
		if slices.Contains(r.PostForm["hijri_langs"], l) {
			st.HijriLangs = append(st.HijriLangs, l)
		}
	}
	st.TimeZone = strings.TrimSpace(r.PostFormValue("time_zone"))
	st.SlugStyle = r.PostFormValue("slug_style")
	st.PrivateDrafts = r.PostFormValue("private_drafts") == "on"
	return st
}

// siteSettingsSave validates and saves; on a mistake the form comes back
// with everything as typed, and nothing is saved.
func (s *Server) siteSettingsSave(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.settings", "settings")
	if err != nil {
		return err
	}
	st := siteSettingsForm(r, v.Settings)
	v.Data = s.siteSettingsData(st)
	if err := s.news.SaveSettings(r.Context(), v.User, st); err != nil {
		return s.siteFormError(w, v, "site_settings", err)
	}
	seeOther(w, r, "/admin/settings", "mng.saved")
	return nil
}
