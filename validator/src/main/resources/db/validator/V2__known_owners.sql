-- Users from the Univention Provisioning stream (via provisioning-bridge): who may receive slices.
create table known_owner (
    owner_id varchar(255) primary key,
    active   boolean      not null
);
