package web

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the OpenAPI 3.1 description of the API, served as is.
//
//go:embed openapi.json
var openAPIDoc []byte

// apiOpenAPI is GET /api/v1/openapi.json.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
	return nil
}

// apiDocs is GET /api/v1/docs: the reference, readable by people.
func (s *Server) apiDocs(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, "/api/v1/openapi.json", http.StatusFound)
	return nil
}
