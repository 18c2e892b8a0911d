-- The three views of `sgx compare` (crates/sgx-compare), in SQL over the exported tables, so a
-- researcher who loads only sgx.sqlite has them too. Their rules are sgx-compare's: an area is a
-- partnership key, a document's year the first year of its period, a document published in
-- several formats is compared once, and themes are those of priorities. A test checks that
-- these views and `sgx compare`'s CSV files agree row for row on the corpus's worked example.

-- The documents compared: with a partnership, an area and a period; of format twins (one area,
-- year and kind with the same priority titles) the first in batch order.
CREATE VIEW compared_documents AS
WITH titled AS (
  SELECT d.rowid AS batch_order, d.document_id, d.partnership_key AS area, d.partnership,
         d.start_year AS year, d.kind, d.priority_count,
         coalesce((SELECT group_concat(title, char(31))
                   FROM (SELECT p.title FROM priorities AS p
                         WHERE p.document_id = d.document_id ORDER BY p.position)), '') AS titles
  FROM documents AS d
  WHERE d.partnership IS NOT NULL AND d.partnership_key IS NOT NULL AND d.start_year IS NOT NULL
)
SELECT batch_order, document_id, area, partnership, year, kind, priority_count
FROM (SELECT *, row_number() OVER (PARTITION BY area, year, kind, titles ORDER BY batch_order) AS copy
      FROM titled)
WHERE copy = 1;

-- Per area and year, the priorities side by side with their themes (`|`-separated, in the
-- taxonomy's order).
CREATE VIEW priorities_by_area_year AS
SELECT c.area, c.partnership, c.year, c.kind, c.document_id, p.title AS priority,
       coalesce((SELECT group_concat(theme, ' | ')
                 FROM (SELECT t.theme FROM themes AS t
                       WHERE t.document_id = p.document_id AND t.fact = 'priority'
                         AND t.fact_position = p.position
                       ORDER BY t.rowid)), '') AS themes
FROM compared_documents AS c JOIN priorities AS p ON p.document_id = c.document_id
ORDER BY c.area, c.year, c.batch_order, p.position;

-- The themes of an area's priorities in each year it has a document (no rows for a year
-- without themes; the year still counts in `theme_changes`).
CREATE VIEW area_year_themes AS
SELECT DISTINCT c.area, c.year, t.theme
FROM compared_documents AS c
JOIN themes AS t ON t.document_id = c.document_id AND t.fact = 'priority';

-- Per area, year on year: each theme's first year, then which persist, appear and drop.
CREATE VIEW theme_changes AS
WITH years AS (
  SELECT area, year, lag(year) OVER (PARTITION BY area ORDER BY year) AS previous
  FROM (SELECT DISTINCT area, year FROM compared_documents)
),
changes AS (
  SELECT y.area, now.theme, y.year,
         CASE WHEN y.previous IS NULL THEN 'first'
              WHEN EXISTS (SELECT 1 FROM area_year_themes AS b
                           WHERE b.area = y.area AND b.year = y.previous AND b.theme = now.theme)
              THEN 'persists' ELSE 'appears' END AS change
  FROM years AS y JOIN area_year_themes AS now ON now.area = y.area AND now.year = y.year
  UNION ALL
  SELECT y.area, before.theme, y.year, 'drops'
  FROM years AS y JOIN area_year_themes AS before ON before.area = y.area AND before.year = y.previous
  WHERE NOT EXISTS (SELECT 1 FROM area_year_themes AS a
                    WHERE a.area = y.area AND a.year = y.year AND a.theme = before.theme)
)
SELECT area, theme, year, change FROM changes
ORDER BY area, year, change = 'drops', theme;

-- Across areas: how many cover each theme in their latest year with priorities, of how many
-- areas have one, and the share.
CREATE VIEW theme_coverage AS
WITH latest AS (
  SELECT area, max(year) AS year FROM compared_documents WHERE priority_count > 0 GROUP BY area
),
counted AS (
  SELECT t.theme, count(DISTINCT l.area) AS areas
  FROM latest AS l JOIN area_year_themes AS t ON t.area = l.area AND t.year = l.year
  GROUP BY t.theme
)
SELECT theme, areas, (SELECT count(*) FROM latest) AS "of",
       round(1.0 * areas / (SELECT count(*) FROM latest), 2) AS share
FROM counted
ORDER BY areas DESC, theme;
