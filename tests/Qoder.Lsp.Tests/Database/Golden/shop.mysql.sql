-- dialect: mysql
-- schema: shop

-- User table: Store system user information
CREATE TABLE shop.tbl_yonghu (
  id bigint NOT NULL, -- User ID: Unique identifier; type: int; required
  xin_bie char(2) NOT NULL, -- Gender: User gender; enum: Male, Female; required
  gonghao varchar(32) NOT NULL, -- Employee ID: User's employee ID; type: varchar(16); required; unique
  jiru_date varchar(32), -- Join date: User's join date; format: date; type: varchar(16); nullable
  PRIMARY KEY (id),
  UNIQUE (gonghao)
);

-- People who buy things
CREATE TABLE shop.customers (
  id bigint AUTO_INCREMENT NOT NULL,
  email varchar(200) NOT NULL, -- Login e-mail
  `Display Name` text,
  favourite_order_id integer,
  CONSTRAINT customers_pkey PRIMARY KEY (id),
  CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE shop.orders (
  id integer NOT NULL,
  customer_id bigint NOT NULL,
  status order_status NOT NULL DEFAULT 'new',
  amount numeric(12,2) NOT NULL,
  amount_with_tax numeric(12,2) GENERATED ALWAYS AS (amount * 1.2),
  CONSTRAINT orders_pkey PRIMARY KEY (id),
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customers (id) ON DELETE CASCADE ON UPDATE RESTRICT,
  CONSTRAINT orders_amount_check CHECK (amount >= 0)
);
CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
CREATE INDEX orders_open_idx ON shop.orders (status, lower(note)) WHERE status <> 'shipped';

ALTER TABLE shop.customers ADD CONSTRAINT customers_favourite_fk FOREIGN KEY (favourite_order_id) REFERENCES shop.orders (id) ON DELETE SET NULL;

-- columns: id integer, amount numeric(12,2)
CREATE VIEW shop.big_orders (id, amount) AS
SELECT id, amount FROM orders WHERE amount > 1000;
