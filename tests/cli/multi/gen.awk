# gen.awk -- synthetic news articles for the multi-index cases, as JSON Lines.
#   awk -v N=COUNT -v SEED=S -v PFX=ID_PREFIX -f gen.awk
# Words are drawn with a skew (rand() * rand()) so a few are frequent and
# many rare; titles, dates (2024..2026), sources and sentence ends vary.
BEGIN {
	srand(SEED)
	nw = split("iran talks geneva sanction missile oil price bank rate strike port union vote election minister court ruling flood storm river bridge festival music film cup final goal team market trade tariff export grain wheat harvest drought fire forest police arrest protest city council budget tax school hospital nurse doctor vaccine virus border refugee camp aid ship navy pilot flight airport delay snow rail train crash bus road energy solar wind coal gas pipeline deal summit treaty nuclear reactor plant factory worker wage negotiate negotiations negotiator", W, " ")
	ns = split("Reuters|BBC News|AP|Al Jazeera|Le Monde", S, "|")
	for (i = 0; i < N; i++) {
		t = ""
		b = ""
		nt = 2 + int(rand() * 5)
		for (j = 0; j < nt; j++)
			t = t (j ? " " : "") W[1 + int(rand() * rand() * nw)]
		nb = 5 + int(rand() * 60)
		for (j = 0; j < nb; j++)
			b = b (j ? " " : "") W[1 + int(rand() * rand() * nw)] (rand() < 0.08 ? "." : "")
		y = 2024 + int(rand() * 3)
		m = 1 + int(rand() * 12)
		d = 1 + int(rand() * 28)
		printf "{\"id\":\"%s%05d\",\"title\":\"%s\",\"date\":\"%04d-%02d-%02d\",\"source\":\"%s\",\"url\":\"https://example.com/%s%05d\",\"body\":\"%s.\"}\n", PFX, i, t, y, m, d, S[1 + int(rand() * ns)], PFX, i, b
	}
}
