-- Open311 keys belong to the district whose administrator created them (issue 9, the authorization matrix): an
-- administrator of another district in the same database neither lists nor revokes them, nor sees who made
-- them. Keys made before take their creator's district; a key without a creator stays with every district-wide
-- administrator, as all keys did.
alter table open311_keys add column scope_code text;
update open311_keys k set scope_code = left(u.home_code, 6) from users u where u.id = k.created_by;
