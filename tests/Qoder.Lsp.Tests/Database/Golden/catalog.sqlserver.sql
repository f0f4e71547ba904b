-- dialect: sqlserver
-- schema: sales

CREATE TABLE sales.customers (
  id int IDENTITY NOT NULL,
  email nvarchar(200) NOT NULL,
  CONSTRAINT PK_customers PRIMARY KEY (id),
  CONSTRAINT UQ_customers_email UNIQUE (email)
);

-- Customer orders
CREATE TABLE sales.orders (
  id int IDENTITY NOT NULL,
  customer_id int NOT NULL,
  amount decimal(12,2) NOT NULL DEFAULT ((0)), -- Total in EUR
  amount_with_tax AS ([amount]*(1.2)),
  CONSTRAINT PK_orders PRIMARY KEY (id),
  CONSTRAINT FK_orders_customers FOREIGN KEY (customer_id) REFERENCES sales.customers (id) ON DELETE CASCADE,
  CONSTRAINT CK_orders_amount CHECK ([amount]>=(0))
);
CREATE INDEX IX_orders_big ON sales.orders (amount) WHERE [amount]>(1000);
CREATE INDEX IX_orders_customer ON sales.orders (customer_id);

-- columns: id int
CREATE VIEW sales.big_orders (id) AS
SELECT id FROM sales.orders WHERE amount > 1000;
