-- Users from Univention Provisioning (via provisioning-bridge): who owners are.
create table known_owner (
    owner_id varchar(255) primary key,
    active   boolean      not null
);
