"""Error reports (我为政府网站找错): a citizen reports a mistake on a page; the unit owning
the page answers within ERROR_REPORT_REPLY_DAYS working days."""
