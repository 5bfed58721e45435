create table if not exists syncwright_meta_replica (id int not null, schema_version int not null, replica_id varchar(36) not null, tick_count int8 not null, knowledge blob not null, forgotten blob not null, primary key (id));

create table if not exists syncwright_meta_items (item_id blob not null, creation_version int8 not null, deletion_version int8, unit_versions blob, local_tick int8 not null, custom_fields blob, primary key (item_id))  WITHOUT ROWID;

create table if not exists syncwright_meta_field_index (field_id int not null, value_key blob not null, item_id blob not null, primary key (field_id, value_key))  WITHOUT ROWID;

create table if not exists syncwright_meta_conflicts (seq int8 not null, item_id blob not null, kind varchar(32) not null, resolution varchar(32), units clob not null, source_replica varchar(36), destination_replica varchar(36), destination_is_remote smallint not null, source_values clob, destination_values clob, detected_at_us int8 not null, resolved smallint not null, primary key (seq));

create index if not exists syncwright_meta_items_by_tick on syncwright_meta_items(local_tick, item_id);

create index if not exists syncwright_meta_field_index_by_item on syncwright_meta_field_index(item_id);

create index if not exists syncwright_meta_conflicts_by_item on syncwright_meta_conflicts(item_id);

insert into syncwright_meta_items (item_id, creation_version, deletion_version, unit_versions, local_tick, custom_fields) values (?, ?, ?, ?, ?, ?) on conflict (item_id) do update set creation_version = excluded.creation_version, deletion_version = excluded.deletion_version, unit_versions = excluded.unit_versions, local_tick = excluded.local_tick, custom_fields = excluded.custom_fields;

insert into syncwright_meta_field_index (field_id, value_key, item_id) values (?, ?, ?) on conflict (field_id, value_key) do update set item_id = excluded.item_id;

select item_id, creation_version, deletion_version, unit_versions, local_tick, custom_fields from syncwright_meta_items where item_id = ?;

delete from syncwright_meta_items where item_id = ?;

delete from syncwright_meta_field_index where item_id = ?;

delete from syncwright_meta_field_index;

select item_id, creation_version, deletion_version, unit_versions, local_tick, custom_fields from syncwright_meta_items where (item_id < ? and item_id > ?) order by item_id limit 500;

select item_id, creation_version, deletion_version, unit_versions, local_tick, custom_fields from syncwright_meta_items where item_id >= ? order by item_id limit 500;

select item_id from syncwright_meta_items where local_tick > ? limit 10001;

select item_id, creation_version, deletion_version, unit_versions, local_tick, custom_fields from syncwright_meta_items where ((local_tick + 0) > ? and item_id > ?) order by item_id limit 500;

select item_id, creation_version, deletion_version, unit_versions, local_tick, custom_fields from syncwright_meta_items where (local_tick > ? and item_id in (?, ?, ?)) order by item_id;

select i.item_id, i.creation_version, i.deletion_version, i.unit_versions, i.local_tick, i.custom_fields from syncwright_meta_field_index as x join syncwright_meta_items as i on i.item_id = x.item_id where (x.field_id = ? and x.value_key = ?);

select 1 as one from syncwright_meta_field_index where field_id = ?;

select schema_version, replica_id from syncwright_meta_replica where id = 1;

insert into syncwright_meta_replica (id, schema_version, replica_id, tick_count, knowledge, forgotten) values (1, ?, ?, 0, ?, ?);

update syncwright_meta_replica set knowledge = ? where id = 1;

select (coalesce(max(seq), 0) + 1) from syncwright_meta_conflicts;

insert into syncwright_meta_conflicts (seq, item_id, kind, resolution, units, source_replica, destination_replica, destination_is_remote, source_values, destination_values, detected_at_us, resolved) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

update syncwright_meta_conflicts set resolved = 1 where (item_id = ? and resolved = 0);

select seq, item_id, kind, resolution, units, source_replica, destination_replica, destination_is_remote, source_values, destination_values, detected_at_us, resolved from syncwright_meta_conflicts order by seq;
