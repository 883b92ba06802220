package web_test

import (
	"encoding/json"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// metaOf reads a page's <meta> tags by property or name.
func metaOf(t *testing.T, body string) map[string]string {
	meta := map[string]string{}
	for _, m := range parse(t, body).all("meta") {
		meta[attr(m, "property")+attr(m, "name")] = attr(m, "content")
	}
	return meta
}

// imageSize fetches an absolute image URL of the site and decodes its size.
func (s *site) imageSize(t *testing.T, u string) (int, int) {
	t.Helper()
	r := s.page(strings.TrimPrefix(u, s.srv.URL))
	cfg, _, err := image.DecodeConfig(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return cfg.Width, cfg.Height
}

// TestSocialPreviewsEverywhere: every kind of page has a share card with a
// picture (the site's own when the page has none), its size and alt text,
// and a description.
func TestSocialPreviewsEverywhere(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/ar/", "/ru/section/economy", "/ar/tag/putin", "/ru/author/salma-nouri", "/en/page/about",
		"/ar/page/" + url.PathEscape("عن-المجموعة")} {
		meta := metaOf(t, s.page(path).body)
		for _, key := range []string{"og:image", "og:image:alt", "twitter:image", "twitter:image:alt", "og:description", "twitter:description", "description"} {
			if meta[key] == "" {
				t.Errorf("%s: no %s", path, key)
			}
		}
		if meta["twitter:card"] != "summary_large_image" || meta["og:image"] != meta["twitter:image"] {
			t.Errorf("%s: twitter:card %q, og:image %q, twitter:image %q", path, meta["twitter:card"], meta["og:image"], meta["twitter:image"])
		}
		if meta["og:image"] == "" {
			continue
		}
		w, h := s.imageSize(t, meta["og:image"])
		if strconv.Itoa(w) != meta["og:image:width"] || strconv.Itoa(h) != meta["og:image:height"] || w < 1200 || h < 600 {
			t.Errorf("%s: og:image is %d×%d, says %s×%s", path, w, h, meta["og:image:width"], meta["og:image:height"])
		}
	}
	if d := metaOf(t, s.page("/ru/section/economy").body)["description"]; !strings.Contains(d, "Экономика") {
		t.Errorf("section description = %q", d)
	}
	if d := metaOf(t, s.page("/en/page/about").body)["description"]; d != "Who we are." {
		t.Errorf("page description = %q", d)
	}
}

// TestLeadImageCrops: an uploaded lead image appears in the article's
// structured data in the three shapes search engines ask for, 16:9, 4:3
// and 1:1, each at least 1200 wide and with its credit.
func TestLeadImageCrops(t *testing.T) {
	s, _ := newMediaSite(t)
	s.newsroomUser("desk", khabar.RoleEditor)
	b := s.signIn("desk", "en")
	m := s.mustUpload(b, url.Values{"credit.ru": {"ТАСС"}, "alt.ru": {"Порт"}}, "port.jpg", photoJPEG(t, 2000, 1300))
	st := s.storyVersion(s.ids["summit"], "ru")
	story, err := s.store.Story(t.Context(), st.StoryID)
	s.must(err)
	story.LeadMediaID = m.ID
	s.must(s.store.UpdateStory(t.Context(), story))

	body := s.page("/ru/news/" + strconv.FormatInt(st.StoryID, 10) + "-" + st.Slug).body
	var ld struct {
		Image []struct {
			URL        string `json:"url"`
			Width      int    `json:"width"`
			Height     int    `json:"height"`
			CreditText string `json:"creditText"`
		} `json:"image"`
	}
	if err := json.Unmarshal([]byte(text(parse(t, body).first(t, "script", "type", "application/ld+json"))), &ld); err != nil {
		t.Fatal(err)
	}
	ratios := map[string]bool{}
	for _, img := range ld.Image {
		w, h := s.imageSize(t, img.URL)
		if w != img.Width || h != img.Height || w < 1200 || img.CreditText != "ТАСС" {
			t.Errorf("image %s: %d×%d, says %d×%d, credit %q", img.URL, w, h, img.Width, img.Height, img.CreditText)
		}
		ratios[strconv.Itoa(w*9/h)+":9"] = true
	}
	// 16:9 → 16, 4:3 → 12, 1:1 → 9 ninths.
	for _, want := range []string{"16:9", "12:9", "9:9"} {
		if !ratios[want] {
			t.Errorf("no image of ratio %s among %+v", want, ld.Image)
		}
	}
}
