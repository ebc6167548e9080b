// The query page of kg serve: YASGUI (vendored, see yasgui.LICENSE) on this server's endpoint.
// Nothing is fetched from anywhere but this server: no endpoint catalogue, no prefix service.
(function () {
  "use strict";
  var endpoint = new URL("/sparql", window.location.href).href;
  var start = [
    "PREFIX kgo: <https://w3id.org/kg/ontology#>",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
    "",
    "# entities, with their type; the prefixes kgo kgx nif prov dcterms skos owl rdfs rdf",
    "# xsd schema are predeclared by kg, so the PREFIX lines may be left out",
    "SELECT ?entity ?label ?type WHERE {",
    "  ?entity a ?type ; rdfs:label ?label .",
    "  FILTER (STRSTARTS(STR(?type), STR(kgo:)))",
    "}",
    "ORDER BY ?label",
    "LIMIT 100",
  ].join("\n");
  Yasgui.defaults.requestConfig.endpoint = endpoint;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return []; } },
    persistenceId: "kg-serve-" + window.location.host,
    // the prefix list is YASQE's own (prefixCcApi stays null); "property" and "class" would ask
    // Linked Open Vocabularies on the web: left out
    yasqe: { value: start, autocompleters: ["prefixes", "variables"] },
  });
  var tab = yasgui.getTab();
  if (tab && tab.getEndpoint() !== endpoint) {
    tab.setEndpoint(endpoint);
  }
  window.kgQueryPage = yasgui;
})();
