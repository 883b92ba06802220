// Package markup owns the article body: the one HTML form in which a body is
// stored, and the helpers that read it.
//
// A body reaches Khabar from the editor, from a word processor by paste, from a
// wire feed or from a WordPress export. Whatever its origin, [Clean] turns it
// into the stored form: a short allow-list of elements (paragraphs, h2–h4
// subheadings that skip no level, quotes, lists, links, images with captions, a few inline
// elements), one block per line, no styling, no script, and no empty spacer
// paragraphs. Text is never normalised: tashkeel, tatweel, typos and Latin
// digits inside Arabic are stored exactly as written, because search (which
// folds them) and the reader (who sees them) both need the original.
//
// The stored form is what every other helper expects: [Isolate] adds bidi
// isolation for right-to-left pages, and [PlainText], [Excerpt], [WordCount]
// and [Headings] read it for feeds, search, summaries and reading times.
// [FromText] turns plain text from importers and demo content into body HTML
// that Clean accepts.
//
// The package holds no mutable state: the sanitising policy is built once, on
// first use, and only read afterwards, so every function is safe for
// concurrent use.
package markup
