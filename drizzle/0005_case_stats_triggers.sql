-- /stats rollup upkeep (lib/db/schema/stats.ts; docs/decisions.md "/stats at city scale"). Statement-level
-- triggers on cases keep case_stats_monthly and case_close_times in step in the same transaction as every
-- write to a case, whoever makes it (transitions, 随手拍, Open311, seeds, imports, raw SQL).

-- What one case adds to case_stats_monthly: 'received' in its CST report month; 'closed' (with its rating) in its
-- CST 结案 month when 结案 is 0–366 days after the report; 'due' (and 'on_time') in its CST deadline month when it
-- is not rejected and the deadline is 0–366 days after the report. Cases outside those spans match
-- cases_stats_irregular_idx and are counted from cases when /stats reads (lib/stats/queries.ts).
CREATE FUNCTION case_stats_contributions(
  c_district_id integer, c_street_id integer, c_category_id integer, c_status case_status, c_created_at timestamptz,
  c_closed_at timestamptz, c_deadline_at timestamptz, c_handled_at timestamptz, c_satisfaction smallint)
RETURNS TABLE (district_id integer, street_id integer, category_id integer, month date, received integer, closed integer,
               due integer, on_time integer, rated integer, rated_sum integer,
               rated1 integer, rated2 integer, rated3 integer, rated4 integer, rated5 integer)
LANGUAGE sql STABLE AS $$
  SELECT c_district_id, c_street_id, c_category_id, date_trunc('month', c_created_at AT TIME ZONE 'Asia/Shanghai')::date,
         1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  UNION ALL
  SELECT c_district_id, c_street_id, c_category_id, date_trunc('month', c_closed_at AT TIME ZONE 'Asia/Shanghai')::date,
         0, 1, 0, 0, (c_satisfaction IS NOT NULL)::int, coalesce(c_satisfaction, 0)::int,
         (c_satisfaction IS NOT DISTINCT FROM 1)::int, (c_satisfaction IS NOT DISTINCT FROM 2)::int,
         (c_satisfaction IS NOT DISTINCT FROM 3)::int, (c_satisfaction IS NOT DISTINCT FROM 4)::int,
         (c_satisfaction IS NOT DISTINCT FROM 5)::int
  WHERE c_closed_at >= c_created_at AND c_closed_at - c_created_at <= interval '366 days'
  UNION ALL
  SELECT c_district_id, c_street_id, c_category_id, date_trunc('month', c_deadline_at AT TIME ZONE 'Asia/Shanghai')::date,
         0, 0, 1, coalesce(coalesce(c_handled_at, c_closed_at) <= c_deadline_at, false)::int, 0, 0, 0, 0, 0, 0, 0
  WHERE c_status <> 'rejected' AND c_deadline_at >= c_created_at AND c_deadline_at - c_created_at <= interval '366 days'
$$;
--> statement-breakpoint
CREATE FUNCTION case_stats_on_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows are upserted in key order, so two transactions touching the same rows wait for each other instead
  -- of deadlocking. A statement that changes nothing /stats counts (most transitions: status, version,
  -- assignee) writes nothing here.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_stats_monthly AS s (district_id, street_id, category_id, month, received, closed, due, on_time, rated, rated_sum,
                                         rated1, rated2, rated3, rated4, rated5)
    SELECT k.district_id, k.street_id, k.category_id, k.month, sum(k.received), sum(k.closed), sum(k.due), sum(k.on_time), sum(k.rated),
           sum(k.rated_sum), sum(k.rated1), sum(k.rated2), sum(k.rated3), sum(k.rated4), sum(k.rated5)
    FROM new_rows n CROSS JOIN LATERAL case_stats_contributions(n.district_id, n.street_id, n.category_id, n.status, n.created_at, n.closed_at, n.deadline_at, n.handled_at, n.satisfaction) k
    GROUP BY k.district_id, k.month, k.street_id, k.category_id
    ORDER BY k.district_id, k.month, k.street_id, k.category_id
    ON CONFLICT ON CONSTRAINT case_stats_monthly_key DO UPDATE SET
      received = s.received + excluded.received, closed = s.closed + excluded.closed, due = s.due + excluded.due,
      on_time = s.on_time + excluded.on_time, rated = s.rated + excluded.rated, rated_sum = s.rated_sum + excluded.rated_sum,
      rated1 = s.rated1 + excluded.rated1, rated2 = s.rated2 + excluded.rated2, rated3 = s.rated3 + excluded.rated3,
      rated4 = s.rated4 + excluded.rated4, rated5 = s.rated5 + excluded.rated5;
    INSERT INTO case_close_times (case_id, district_id, street_id, month, created_at, hours)
    SELECT n.id, n.district_id, n.street_id, date_trunc('month', n.closed_at AT TIME ZONE 'Asia/Shanghai')::date, n.created_at,
           extract(epoch FROM n.closed_at - n.created_at)::float8 / 3600
    FROM new_rows n WHERE n.closed_at IS NOT NULL
    ORDER BY n.id;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.district_id, o.street_id, o.category_id, o.status = 'rejected', o.created_at, o.closed_at, o.deadline_at, o.handled_at, o.satisfaction)
            IS DISTINCT FROM
            (n.district_id, n.street_id, n.category_id, n.status = 'rejected', n.created_at, n.closed_at, n.deadline_at, n.handled_at, n.satisfaction)
    ) THEN
      RETURN NULL;
    END IF;
    WITH changed AS (
      SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.district_id, o.street_id, o.category_id, o.status = 'rejected', o.created_at, o.closed_at, o.deadline_at, o.handled_at, o.satisfaction)
            IS DISTINCT FROM
            (n.district_id, n.street_id, n.category_id, n.status = 'rejected', n.created_at, n.closed_at, n.deadline_at, n.handled_at, n.satisfaction)
    )
    INSERT INTO case_stats_monthly AS s (district_id, street_id, category_id, month, received, closed, due, on_time, rated, rated_sum,
                                         rated1, rated2, rated3, rated4, rated5)
    SELECT d.district_id, d.street_id, d.category_id, d.month, sum(d.sign * d.received), sum(d.sign * d.closed), sum(d.sign * d.due),
           sum(d.sign * d.on_time), sum(d.sign * d.rated), sum(d.sign * d.rated_sum), sum(d.sign * d.rated1), sum(d.sign * d.rated2),
           sum(d.sign * d.rated3), sum(d.sign * d.rated4), sum(d.sign * d.rated5)
    FROM (
      SELECT k.*, -1 AS sign FROM changed x JOIN old_rows o ON o.id = x.id CROSS JOIN LATERAL case_stats_contributions(o.district_id, o.street_id, o.category_id, o.status, o.created_at, o.closed_at, o.deadline_at, o.handled_at, o.satisfaction) k
      UNION ALL
      SELECT k.*, 1 FROM changed x JOIN new_rows n ON n.id = x.id CROSS JOIN LATERAL case_stats_contributions(n.district_id, n.street_id, n.category_id, n.status, n.created_at, n.closed_at, n.deadline_at, n.handled_at, n.satisfaction) k
    ) d
    GROUP BY d.district_id, d.month, d.street_id, d.category_id
    HAVING sum(d.sign * d.received) <> 0 OR sum(d.sign * d.closed) <> 0 OR sum(d.sign * d.due) <> 0 OR sum(d.sign * d.on_time) <> 0
        OR sum(d.sign * d.rated) <> 0 OR sum(d.sign * d.rated_sum) <> 0 OR sum(d.sign * d.rated1) <> 0 OR sum(d.sign * d.rated2) <> 0
        OR sum(d.sign * d.rated3) <> 0 OR sum(d.sign * d.rated4) <> 0 OR sum(d.sign * d.rated5) <> 0
    ORDER BY d.district_id, d.month, d.street_id, d.category_id
    ON CONFLICT ON CONSTRAINT case_stats_monthly_key DO UPDATE SET
      received = s.received + excluded.received, closed = s.closed + excluded.closed, due = s.due + excluded.due,
      on_time = s.on_time + excluded.on_time, rated = s.rated + excluded.rated, rated_sum = s.rated_sum + excluded.rated_sum,
      rated1 = s.rated1 + excluded.rated1, rated2 = s.rated2 + excluded.rated2, rated3 = s.rated3 + excluded.rated3,
      rated4 = s.rated4 + excluded.rated4, rated5 = s.rated5 + excluded.rated5;
    DELETE FROM case_close_times t
    USING old_rows o JOIN new_rows n ON n.id = o.id
    WHERE t.case_id = o.id
      AND (o.district_id, o.street_id, o.created_at, o.closed_at) IS DISTINCT FROM (n.district_id, n.street_id, n.created_at, n.closed_at);
    INSERT INTO case_close_times (case_id, district_id, street_id, month, created_at, hours)
    SELECT n.id, n.district_id, n.street_id, date_trunc('month', n.closed_at AT TIME ZONE 'Asia/Shanghai')::date, n.created_at,
           extract(epoch FROM n.closed_at - n.created_at)::float8 / 3600
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.closed_at IS NOT NULL
      AND (o.district_id, o.street_id, o.created_at, o.closed_at) IS DISTINCT FROM (n.district_id, n.street_id, n.created_at, n.closed_at)
    ORDER BY n.id;
  ELSE -- DELETE
    INSERT INTO case_stats_monthly AS s (district_id, street_id, category_id, month, received, closed, due, on_time, rated, rated_sum,
                                         rated1, rated2, rated3, rated4, rated5)
    SELECT k.district_id, k.street_id, k.category_id, k.month, -sum(k.received), -sum(k.closed), -sum(k.due), -sum(k.on_time), -sum(k.rated),
           -sum(k.rated_sum), -sum(k.rated1), -sum(k.rated2), -sum(k.rated3), -sum(k.rated4), -sum(k.rated5)
    FROM old_rows o CROSS JOIN LATERAL case_stats_contributions(o.district_id, o.street_id, o.category_id, o.status, o.created_at, o.closed_at, o.deadline_at, o.handled_at, o.satisfaction) k
    GROUP BY k.district_id, k.month, k.street_id, k.category_id
    ORDER BY k.district_id, k.month, k.street_id, k.category_id
    ON CONFLICT ON CONSTRAINT case_stats_monthly_key DO UPDATE SET
      received = s.received + excluded.received, closed = s.closed + excluded.closed, due = s.due + excluded.due,
      on_time = s.on_time + excluded.on_time, rated = s.rated + excluded.rated, rated_sum = s.rated_sum + excluded.rated_sum,
      rated1 = s.rated1 + excluded.rated1, rated2 = s.rated2 + excluded.rated2, rated3 = s.rated3 + excluded.rated3,
      rated4 = s.rated4 + excluded.rated4, rated5 = s.rated5 + excluded.rated5;
    DELETE FROM case_close_times t USING old_rows o WHERE t.case_id = o.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION case_stats_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE case_stats_monthly, case_close_times;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Recomputes both tables from the cases (the backfill below; a repair if they are ever in doubt).
CREATE FUNCTION case_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE cases IN SHARE MODE; -- no case changes half-way through
  TRUNCATE case_stats_monthly, case_close_times;
  INSERT INTO case_stats_monthly (district_id, street_id, category_id, month, received, closed, due, on_time, rated, rated_sum,
                                  rated1, rated2, rated3, rated4, rated5)
  SELECT k.district_id, k.street_id, k.category_id, k.month, sum(k.received), sum(k.closed), sum(k.due), sum(k.on_time), sum(k.rated),
         sum(k.rated_sum), sum(k.rated1), sum(k.rated2), sum(k.rated3), sum(k.rated4), sum(k.rated5)
  FROM cases c CROSS JOIN LATERAL case_stats_contributions(c.district_id, c.street_id, c.category_id, c.status, c.created_at, c.closed_at, c.deadline_at, c.handled_at, c.satisfaction) k
  GROUP BY k.district_id, k.month, k.street_id, k.category_id;
  INSERT INTO case_close_times (case_id, district_id, street_id, month, created_at, hours)
  SELECT c.id, c.district_id, c.street_id, date_trunc('month', c.closed_at AT TIME ZONE 'Asia/Shanghai')::date, c.created_at,
         extract(epoch FROM c.closed_at - c.created_at)::float8 / 3600
  FROM cases c WHERE c.closed_at IS NOT NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_stats_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_on_write();
--> statement-breakpoint
CREATE TRIGGER case_stats_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_on_write();
--> statement-breakpoint
CREATE TRIGGER case_stats_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_on_write();
--> statement-breakpoint
CREATE TRIGGER case_stats_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_on_truncate();
--> statement-breakpoint
SELECT case_stats_rebuild();
