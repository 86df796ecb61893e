-- cg_search_tokens (migration 0070) as a PL/pgSQL loop. The SQL version is not inlined (it aggregates), so
-- every statement that writes cases planned its body (two generate_series under a lateral union) and ran it
-- through the SQL-function executor for each row: ≈ 0.22 ms a case in statements of 6 rows, about a tenth of
-- intake's database time (docs/PERFORMANCE.md, "The search tokens on the intake path"). PL/pgSQL keeps its one
-- query's plan for the session and cuts the runs in a loop: ≈ 0.11 ms.
-- The tokens are the same; the array may now hold a token twice (a character repeated in a text) and is not
-- sorted: its one reader, the generated column, makes a tsvector of it, which sorts and drops repeats. So the
-- stored search_tokens of existing cases stay exactly what this function gives, and nothing is rewritten.
create or replace function cg_search_tokens(t text) returns text[] language plpgsql immutable parallel safe as $$
declare
  m text[];
  run text;
  n integer;
  tokens text[] := '{}';
begin
  for m in select regexp_matches(lower(coalesce(t, '')), '([0-9a-z]+|[一-鿿㐀-䶿]+)', 'g') loop
    run := m[1];
    if run ~ '^[0-9a-z]' then
      tokens := tokens || run;
    else
      n := length(run);
      for i in 1..n loop
        tokens := tokens || substr(run, i, 1);
        if i < n then
          tokens := tokens || substr(run, i, 2);
        end if;
      end loop;
    end if;
  end loop;
  return tokens;
end
$$;
