import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A global admin (no tenant). An immutable one cannot be deleted (a database trigger refuses). */
@Entity('system_admins')
export class SystemAdmin {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column({ type: 'timestamp', name: 'created_at' })
  createdAt!: Date;

  @Column('boolean')
  immutable!: boolean;
}
